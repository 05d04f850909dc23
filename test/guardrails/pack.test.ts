import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACCESS_RESOURCE_PATTERNS, REVIEWED_TYPES } from '../../guardrails/deny-by-default';
import { LEAST_PRIVILEGE_RULES } from '../../guardrails/packs/least-privilege';
import { requestableGroupNames } from '../../guardrails/requestable';
import { exampleWith } from '../helpers/config';

describe('the least-privilege pack', () => {
  test('RULES.md documents every rule of the pack, at its level, and no other', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../guardrails/RULES.md'), 'utf8');
    const [errors, warnings] = doc.slice(doc.indexOf('## Errors')).split('## Warnings');
    const ids = (text: string) => [...text.matchAll(/^\| (LP-[A-Z0-9]+) \|/gm)].map((m) => m[1]).sort();
    expect(ids(errors)).toEqual(
      LEAST_PRIVILEGE_RULES.filter((r) => r.level === 'error')
        .map((r) => r.id)
        .sort(),
    );
    expect(ids(warnings)).toEqual(
      LEAST_PRIVILEGE_RULES.filter((r) => r.level === 'warning')
        .map((r) => r.id)
        .sort(),
    );
  });

  test('RULES.md documents the engine checks and every reviewed deny-by-default type', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../guardrails/RULES.md'), 'utf8');
    expect(doc).toContain('## Suppression policy');
    expect(doc).toMatch(/^\| LP-DENY1 \|/m);
    expect(doc).toMatch(/^\| LP-SUP1 \|/m);
    for (const type of Object.keys(REVIEWED_TYPES)) expect(doc).toContain(`\`${type}\``);
    for (const pattern of ACCESS_RESOURCE_PATTERNS) expect(doc).toContain(`\`${pattern}\``);
  });

  test('rule ids are unique and every explanation says how to fix', () => {
    expect(new Set(LEAST_PRIVILEGE_RULES.map((r) => r.id)).size).toBe(LEAST_PRIVILEGE_RULES.length);
    for (const rule of LEAST_PRIVILEGE_RULES) expect(rule.explanation.length).toBeGreaterThan(20);
  });
});

describe('requestable groups', () => {
  test('are the server-access groups some governance condition offers', () => {
    expect(requestableGroupNames(exampleWith())).toEqual(['jml-access-eng-linux-prod', 'jml-access-eng-windows-prod', 'jml-access-finance-windows']);
    const narrowed = exampleWith((raw) => {
      raw.governance.conditions = raw.governance.conditions.filter((c: { accessScope: string[] }) => !c.accessScope.includes('finance-windows'));
      delete raw.privilegedAccess;
    });
    expect(requestableGroupNames(narrowed)).not.toContain('jml-access-finance-windows');
  });

  test('are none without a governance section: every server-access rule then needs an access request', () => {
    const config = exampleWith((raw) => {
      delete raw.governance;
      delete raw.privilegedAccess;
    });
    expect(requestableGroupNames(config)).toEqual([]);
  });
});
