import { checkScriptSource, JML_VARIABLE_NAMES, loadScriptSource, SCRIPT_NAMES } from '../../constructs/jml-signing-script';
import { JML_VARIABLES } from '../../constructs/jml-catalog-item';
import { loadScripts, newWorld } from './helpers/glide-stand-ins';

describe('the script include and the stack share their names', () => {
  const { JmlBridgeClient } = loadScripts(newWorld(), loadScriptSource('JmlBridgeClient.js'));

  test('the REST message, method and secret property the script uses are the ones the stack declares', () => {
    expect(JmlBridgeClient.SETTINGS).toMatchObject({
      restMessage: SCRIPT_NAMES.restMessage,
      restMethod: SCRIPT_NAMES.restMethod,
      signingSecretProperty: SCRIPT_NAMES.signingSecretProperty,
    });
    expect(new JmlBridgeClient()).toMatchObject({ type: SCRIPT_NAMES.scriptInclude });
  });

  test('the script reads exactly the catalog variables the item declares', () => {
    expect({ ...JmlBridgeClient.VARIABLES }).toEqual(JML_VARIABLE_NAMES);
    expect(JML_VARIABLES.map((variable) => variable.name).sort()).toEqual(Object.values(JML_VARIABLE_NAMES).sort());
  });
});

describe('loading script sources', () => {
  test('fails for a source with a Terraform template sequence, naming the line', () => {
    expect(() => checkScriptSource("var a = 1;\nvar b = '$' + '{';\nvar c = '${x}';\n", 'x.js')).toThrow(
      /x\.js contains "\$\{" on line 3, which Terraform would read as a template sequence/,
    );
    expect(() => checkScriptSource('var d = "%{ if }";', 'y.js')).toThrow(/y\.js contains "%\{" on line 1/);
    expect(checkScriptSource("var ok = '$' + '{';", 'z.js')).toBe("var ok = '$' + '{';");
  });

  test('fails for a missing file, naming where it was looked for', () => {
    expect(() => loadScriptSource('Missing.js')).toThrow(/servicenow\/scripts\/Missing\.js could not be read \(ENOENT\)/);
  });
});
