import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENVIRONMENTS_DIR } from '../../config/load';
import { lookupsPath, resolveApprovalSequences } from '../../config/oig-lookups';
import { exampleWith } from '../helpers/config';

/**
 * The example without governance. The privileged-access section keys its policies on requestable groups, so it
 * goes too: an environment without access requests has neither.
 */
function withoutGovernance(raw: Record<string, any>): void {
  delete raw.governance;
  delete raw.privilegedAccess;
}

describe('resolveApprovalSequences', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const emptyDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'governance-lookups-'));
    dirs.push(dir);
    return dir;
  };

  test('maps every condition key to the id of its sequence from the committed example lookups', () => {
    expect(resolveApprovalSequences(exampleWith())).toEqual({
      'eng-linux-sre': '65a1f0c2e4b0a1b2c3d4e5f1',
      'eng-windows-dba': '65a1f0c2e4b0a1b2c3d4e5f1',
      'finance-windows': '65a1f0c2e4b0a1b2c3d4e5f2',
    });
  });

  test('fails naming the missing lookup file and the command that writes it', () => {
    expect(() => resolveApprovalSequences(exampleWith(), emptyDir())).toThrow(
      /- governance: approval sequences are not resolved: .*example\.lookups\.json does not exist; run `npm run governance:discover -- --env example`/,
    );
  });

  test('fails naming identity.privilegedAccessAppLabel when the lookups were generated for another app', () => {
    const config = exampleWith((raw) => (raw.identity.privilegedAccessAppLabel = 'Okta PAM'));
    expect(() => resolveApprovalSequences(config)).toThrow(
      /- identity\.privilegedAccessAppLabel: is "Okta PAM" but .*example\.lookups\.json was generated for the app "Okta Privileged Access"/,
    );
  });

  test('fails naming the field when the lookup file was edited into an invalid shape', () => {
    const dir = emptyDir();
    copyFileSync(lookupsPath('example'), lookupsPath('example', dir));
    writeFileSync(
      lookupsPath('example', dir),
      JSON.stringify({
        _generated: 'x',
        environment: 'example',
        privilegedAccessApp: { label: 'Okta Privileged Access', id: 'a' },
        approvalSequences: { 'Manager approval': 'short' },
      }),
    );
    expect(() => resolveApprovalSequences(exampleWith(), dir)).toThrow(
      /- approvalSequences\.Manager approval: must be a 24-character sequence id; the file is generated/,
    );
  });

  test('returns nothing for an environment without governance, without reading a file', () => {
    expect(resolveApprovalSequences(exampleWith(withoutGovernance), emptyDir())).toEqual({});
  });

  test('the example lookup file sits beside the example environment', () => {
    expect(lookupsPath('example')).toBe(path.join(ENVIRONMENTS_DIR, 'example.lookups.json'));
  });
});
