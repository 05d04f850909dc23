import { effectivePasswords, PAM_LIMITS, requestableServerAccessKeys } from '../../config/schema/privileged-access';
import { exampleWith, validationMessageOf } from '../helpers/config';

const ENG = 'privilegedAccess.resourceGroups[0]';

describe('privileged-access configuration', () => {
  test('the example validates, with secure defaults where it says nothing', () => {
    const pam = exampleWith((raw) => {
      delete raw.privilegedAccess.passwords;
      delete raw.privilegedAccess.checkout;
      delete raw.privilegedAccess.mfa;
    }).privilegedAccess!;
    expect(pam.passwords).toEqual({
      rotationPeriodHours: 24,
      minLength: 32,
      maxLength: 64,
      characters: { upperCase: true, lowerCase: true, digits: true, punctuation: true },
    });
    expect(pam.checkout).toEqual({ durationSeconds: 3600, maxDurationSeconds: 28_800 });
    expect(pam.mfa).toEqual({ reAuthFrequencySeconds: 3600, acrValues: 'urn:okta:loa:2fa:any' });
    expect(pam.resourceGroups[0]!.policies[0]!.rules[0]).toMatchObject({ sessionRecording: true, adminLevel: false });
    expect(pam.activeDirectory!.serverDiscovery).toMatchObject({ frequencyHours: 24, startHourUtc: 2, hostNameAttribute: 'dNSHostName' });
  });

  test('a project password override changes only the fields it names', () => {
    const pam = exampleWith((raw) => {
      raw.privilegedAccess.passwords.rotationPeriodHours = 48;
      raw.privilegedAccess.resourceGroups[1].projects[0].passwords = { minLength: 40, characters: { punctuation: false } };
    }).privilegedAccess!;
    expect(effectivePasswords(pam.passwords, pam.resourceGroups[1]!.projects[0]!.passwords)).toEqual({
      rotationPeriodHours: 48,
      minLength: 40,
      maxLength: 64,
      characters: { upperCase: true, lowerCase: true, digits: true, punctuation: false },
    });
    expect(effectivePasswords(pam.passwords, undefined)).toEqual(pam.passwords);
  });

  test('requestable groups are the access scopes of the governance conditions', () => {
    expect([...requestableServerAccessKeys(exampleWith())].sort()).toEqual(['eng-linux-prod', 'eng-windows-prod', 'finance-windows']);
    expect(requestableServerAccessKeys({})).toEqual(new Set());
  });

  test('fails naming the path when a rule turns session recording off', () => {
    expect(validationMessageOf((raw) => (raw.privilegedAccess.resourceGroups[0].policies[1].rules[0].sessionRecording = false))).toMatch(
      /- privilegedAccess\.resourceGroups\[0\]\.policies\[1\]\.rules\[0\]\.sessionRecording: is false, but every rule that grants server access records its sessions on the gateway/,
    );
  });

  test('fails naming the path when the rotation period is outside 1 hour to 30 days, globally or per project', () => {
    const message = validationMessageOf((raw) => {
      raw.privilegedAccess.passwords.rotationPeriodHours = 0;
      raw.privilegedAccess.resourceGroups[0].projects[1].passwords.rotationPeriodHours = PAM_LIMITS.rotationMaxHours + 1;
    });
    expect(message).toMatch(/- privilegedAccess\.passwords\.rotationPeriodHours: is 0 but passwords rotate every 1 to 720 hours \(30 days\); change it/);
    expect(message).toMatch(new RegExp(`- ${ENG.replace(/[[\].]/g, '\\$&')}\\.projects\\[1\\]\\.passwords\\.rotationPeriodHours: is 721 but`));
  });

  test('fails naming the path when a principal or a delegated admin is not a declared server access group', () => {
    const message = validationMessageOf((raw) => {
      raw.privilegedAccess.resourceGroups[0].policies[0].principals = ['eng-windows-prod', 'eng-windows-stage'];
      raw.privilegedAccess.resourceGroups[1].delegatedAdmins = ['finance-admins'];
    });
    expect(message).toMatch(
      /- privilegedAccess\.resourceGroups\[0\]\.policies\[0\]\.principals\[1\]: unknown server access group "eng-windows-stage"; use one declared in identity\.serverAccessGroups \(eng-linux-prod, eng-windows-prod, finance-windows\) or declare it there/,
    );
    expect(message).toMatch(/- privilegedAccess\.resourceGroups\[1\]\.delegatedAdmins\[0\]: unknown server access group "finance-admins"/);
  });

  test('fails naming the rule when it grants a group nobody can request, unless the rule requires an access request', () => {
    const notRequestable = (raw: Record<string, any>) => {
      raw.governance.conditions = raw.governance.conditions.filter((c: { key: string }) => c.key !== 'eng-linux-sre');
    };
    const message = validationMessageOf(notRequestable);
    expect(message).toMatch(
      /- privilegedAccess\.resourceGroups\[0\]\.policies\[1\]\.rules\[0\]: grants server access to "eng-linux-prod" with no access request: make the group requestable \(a governance\.conditions accessScope\) or add accessRequest to the rule/,
    );
    // rules[1] (break-glass-root) carries an access request, so only rules[0] is reported.
    expect(message).not.toMatch(/policies\[1\]\.rules\[1\]/);
    expect(
      validationMessageOf((raw) => {
        notRequestable(raw);
        raw.privilegedAccess.resourceGroups[0].policies[1].rules[0].accessRequest = { requestTypeName: 'Production SSH' };
      }),
    ).toBe('');
  });

  test('without a governance section, every rule needs an access request', () => {
    const message = validationMessageOf((raw) => delete raw.governance);
    expect(message.match(/with no access request/g)).toHaveLength(4);
  });

  test('fails naming the path when a checkout duration is outside the provider range or the configured ceiling', () => {
    const message = validationMessageOf((raw) => {
      raw.privilegedAccess.checkout.durationSeconds = 600;
      raw.privilegedAccess.resourceGroups[0].projects[0].checkoutDurationSeconds = 20_000;
    });
    expect(message).toMatch(/- privilegedAccess\.checkout\.durationSeconds: is 600 but a checkout lasts between 900 and 14400 seconds/);
    expect(message).toMatch(
      /- privilegedAccess\.resourceGroups\[0\]\.projects\[0\]\.checkoutDurationSeconds: is 20000 but a checkout lasts between 900 and 14400 seconds/,
    );
    expect(validationMessageOf((raw) => (raw.privilegedAccess.checkout.maxDurationSeconds = 90_000))).toMatch(
      /- privilegedAccess\.checkout\.maxDurationSeconds: is 90000 but must be between 900 and 86400 seconds \(the provider's range\)/,
    );
  });

  test('fails on weak password complexity', () => {
    const message = validationMessageOf((raw) => {
      raw.privilegedAccess.passwords.minLength = 12;
      raw.privilegedAccess.resourceGroups[1].projects[0].passwords.maxLength = 20;
      raw.privilegedAccess.passwords.characters = { upperCase: false, punctuation: false };
    });
    expect(message).toMatch(/- privilegedAccess\.passwords\.minLength: is 12 but must be at least 16/);
    expect(message).toMatch(/- privilegedAccess\.resourceGroups\[1\]\.projects\[0\]\.passwords\.maxLength: is 20 but must be between minLength \(40\) and 255/);
    expect(message).toMatch(/- privilegedAccess\.passwords\.characters: enable at least three character classes/);
  });

  test('fails when vaulted-account privileges name no account, or AD discovery has no connection', () => {
    const message = validationMessageOf((raw) => {
      delete raw.privilegedAccess.resourceGroups[0].policies[0].rules[1].accounts;
      delete raw.privilegedAccess.activeDirectory;
    });
    expect(message).toMatch(
      /- privilegedAccess\.resourceGroups\[0\]\.policies\[0\]\.rules\[1\]\.accounts: is empty but password-checkout-rdp work on vaulted accounts/,
    );
    expect(message).toMatch(
      /- privilegedAccess\.resourceGroups\[0\]\.projects\[0\]\.adDiscovery: needs an AD connection; add privilegedAccess\.activeDirectory/,
    );
    expect(message).toMatch(/- privilegedAccess\.resourceGroups\[1\]\.projects\[0\]\.adDiscovery: needs an AD connection/);
  });

  test('fails on an AD discovery frequency the provider does not accept and on a malformed LDAP filter', () => {
    const message = validationMessageOf((raw) => {
      raw.privilegedAccess.activeDirectory.serverDiscovery.frequencyHours = 8;
      raw.privilegedAccess.resourceGroups[1].projects[0].adDiscovery.ldapQueryFilter = '(objectClass=computer';
    });
    expect(message).toMatch(/- privilegedAccess\.activeDirectory\.serverDiscovery\.frequencyHours: must be one of 1, 6, 12, 24/);
    expect(message).toMatch(
      /- privilegedAccess\.resourceGroups\[1\]\.projects\[0\]\.adDiscovery\.ldapQueryFilter: must be an LDAP filter in balanced parentheses/,
    );
  });

  test('refuses secrets and unknown keys in the section', () => {
    expect(validationMessageOf((raw) => (raw.privilegedAccess.activeDirectory.serviceAccountPassword = 'hunter2'))).toMatch(
      /- privilegedAccess\.activeDirectory\.serviceAccountPassword: unknown key/,
    );
  });
});
