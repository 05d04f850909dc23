import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveSnapshot, PREBUILT_PACKAGES, snapshotText } from '../../tools/terraform/derive-schema/derive';
import { generatedTypeScript, parseGeneratedModule } from '../../tools/terraform/derive-schema/generated-module';
import { blockOf } from '../../tools/terraform/derive-schema/to-schema';
import { SCHEMAS_DIR } from '../../tools/terraform/snapshots';

const lib = (pkg: string, module: string) => join(__dirname, '..', '..', 'node_modules', pkg, 'lib', module, 'index.js');

describe('schema snapshots of the prebuilt providers (npm run schemas:prebuilt)', () => {
  it.each(PREBUILT_PACKAGES.map((pkg) => [pkg.name, pkg]))('%s: the committed snapshot is what the package and the imports give', (_name, pkg) => {
    const derived = deriveSnapshot(pkg);
    const committed = readFileSync(join(SCHEMAS_DIR, derived.file), 'utf8');
    const fresh = committed === snapshotText(derived);
    const verdict = fresh ? 'fresh' : `schemas/${derived.file} is stale (a module was imported or dropped): run npm run schemas:prebuilt and commit it`;
    expect(verdict).toBe('fresh');
  });

  it('reads flags, collection kinds and blocks as the generator recorded them (okta_group_rule, aws_dynamodb_table)', () => {
    const rule = parseGeneratedModule(generatedTypeScript(lib('@cdktf/provider-okta', 'group-rule')));
    expect(blockOf(rule, 'GroupRule', 'okta_group_rule').attributes).toMatchObject({
      expression_value: { type: 'string', required: true },
      group_assignments: { type: ['set', 'string'], required: true },
      id: { type: 'string', optional: true, computed: true },
    });
    const table = parseGeneratedModule(generatedTypeScript(lib('@cdktf/provider-aws', 'dynamodb-table')));
    const block = blockOf(table, 'DynamodbTable', 'aws_dynamodb_table');
    expect(block.attributes?.arn).toEqual({ type: 'string', computed: true });
    expect(block.block_types?.attribute).toMatchObject({ nesting_mode: 'set' });
    expect(block.block_types?.ttl).toMatchObject({ nesting_mode: 'list', max_items: 1 });
    expect(block.block_types?.timeouts).toMatchObject({ nesting_mode: 'single' });
  });
});
