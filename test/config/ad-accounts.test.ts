import fc from 'fast-check';
import { AD_ACCOUNT_LIMITS, effectiveAdPasswords } from '../../config/schema/ad-accounts';
import { exampleRaw, exampleWith, problemsOf } from '../helpers/config';

const RULES = 'privilegedAccess.adAccounts.rules';

describe('privileged-access AD accounts configuration', () => {
  test('the example declares account rules in order, with secure defaults where it says nothing', () => {
    const pam = exampleWith((raw) => {
      delete raw.privilegedAccess.adAccounts.passwords;
      delete raw.privilegedAccess.adAccounts.ruleSettings;
    }).privilegedAccess!;
    const accounts = pam.adAccounts!;
    expect(accounts.rules.map((rule) => rule.name)).toEqual(['eng-admin-accounts', 'eng-service-accounts', 'finance-shared-admins']);
    expect(accounts.rules[1]).toMatchObject({ type: 'shared', rotateOnDiscovery: true, importOktaUsers: false });
    expect(accounts.ruleSettings).toEqual({ matchOn: ['username'], partialMatches: [] });
    expect(accounts.passwords).toEqual({
      rotationPeriodHours: 24,
      minLength: 32,
      maxLength: 64,
      characters: { upperCase: true, lowerCase: true, digits: true, punctuation: true, excludeSymbols: [] },
    });
  });

  test('a project override of the AD password policy changes only the fields it names', () => {
    const pam = exampleWith().privilegedAccess!;
    const finance = pam.resourceGroups[1]!.projects[0]!;
    expect(effectiveAdPasswords(pam.adAccounts!.passwords, finance.adAccountPasswords)).toEqual({
      ...pam.adAccounts!.passwords,
      rotationPeriodHours: 12,
      minLength: 40,
    });
  });

  test('each failure names its path and the fix', () => {
    const problems = problemsOf((raw) => {
      const accounts = raw.privilegedAccess.adAccounts;
      accounts.rules[0].rotateOnDiscovery = false;
      accounts.rules[0].resourceGroup = 'marketing';
      accounts.rules[1].project = 'nope';
      accounts.rules[2].organizationalUnits[0].dn = 'OU=Admins,DC=other,DC=org';
      accounts.rules[2].name = 'eng-admin-accounts';
      accounts.ruleSettings.matchOn = [];
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        `${RULES}[0].rotateOnDiscovery: is false, but a managed AD account is rotated when OPA takes it over so that no one keeps the old password; remove the key or set it to true`,
        `${RULES}[0].resourceGroup: unknown resource group "marketing"; use one of engineering, finance`,
        `${RULES}[1].project: unknown project "nope" in resource group "engineering"; use one of windows-prod, linux-prod`,
        `${RULES}[2].organizationalUnits[0].dn: "OU=Admins,DC=other,DC=org" is not in the domain corp.example.com (its DN must end with DC=CORP,DC=EXAMPLE,DC=COM)`,
        `${RULES}[2].name: duplicate account rule name "eng-admin-accounts" (first used at index 0); give each account rule a unique name`,
        'privilegedAccess.adAccounts.ruleSettings.matchOn: match on at least one attribute (e.g. [username])',
      ]),
    );
  });

  test('an AD password override on a project no rule targets, a missing API host and a missing domain are refused by path', () => {
    const problems = problemsOf((raw) => {
      raw.privilegedAccess.resourceGroups[0].projects[1].adAccountPasswords = { minLength: 40 };
      delete raw.privilegedAccess.apiHost;
      delete raw.privilegedAccess.activeDirectory;
      delete raw.privilegedAccess.resourceGroups[0].projects[0].adDiscovery;
      delete raw.privilegedAccess.resourceGroups[1].projects[0].adDiscovery;
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'privilegedAccess.resourceGroups[0].projects[1].adAccountPasswords: is set but no privilegedAccess.adAccounts rule puts accounts in engineering/linux-prod; add a rule or remove it',
        expect.stringMatching(/^privilegedAccess\.apiHost: is required with adAccounts/),
        expect.stringMatching(/^privilegedAccess\.adAccounts\.domain: is needed when privilegedAccess\.activeDirectory is not declared/),
      ]),
    );
  });

  test('a bad OU, filter or character option is refused at its path', () => {
    const problems = problemsOf((raw) => {
      const rule = raw.privilegedAccess.adAccounts.rules[0];
      rule.organizationalUnits.push({ dn: 'CN=Users,DC=corp,DC=example,DC=com' });
      rule.organizationalUnits[0].filters[0].operator = 'STARTS_WITH';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^privilegedAccess\.adAccounts\.rules\[0\]\.organizationalUnits\[1\]\.dn: must be an OU distinguished name/),
        expect.stringMatching(/^privilegedAccess\.adAccounts\.rules\[0\]\.organizationalUnits\[0\]\.filters\[0\]\.operator: /),
      ]),
    );
    const characterProblems = problemsOf((raw) => {
      raw.privilegedAccess.adAccounts.passwords.characters = { upperCase: false, digits: false, excludeSymbols: ['a'] };
    });
    expect(characterProblems).toEqual(
      expect.arrayContaining([
        'privilegedAccess.adAccounts.passwords.characters: enable at least three character classes (Windows password complexity requires three of the four)',
        'privilegedAccess.adAccounts.passwords.characters: excludeSymbols may list only punctuation, not ["a"]',
      ]),
    );
  });

  test('rotation periods are accepted exactly within 1 hour to 30 days, environment-wide and per project', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: AD_ACCOUNT_LIMITS.rotationMaxHours + 50 }), fc.boolean(), (hours, perProject) => {
        const change = (raw: Record<string, any>) => {
          if (perProject) raw.privilegedAccess.resourceGroups[1].projects[0].adAccountPasswords.rotationPeriodHours = hours;
          else raw.privilegedAccess.adAccounts.passwords.rotationPeriodHours = hours;
        };
        const inRange = hours >= AD_ACCOUNT_LIMITS.rotationMinHours && hours <= AD_ACCOUNT_LIMITS.rotationMaxHours;
        if (inRange) {
          expect(() => exampleWith(change)).not.toThrow();
        } else {
          const at = perProject ? 'privilegedAccess.resourceGroups[1].projects[0].adAccountPasswords' : 'privilegedAccess.adAccounts.passwords';
          expect(problemsOf(change)).toContain(
            `${at}.rotationPeriodHours: is ${hours} but AD account passwords rotate every 1 to 720 hours (30 days); change it`,
          );
        }
      }),
      { numRuns: 15 },
    );
  });

  /**
   * The example's second resource group has a project that sets its own minLength and inherits maxLength, so an
   * organisation maxLength below that project's minLength is refused at the project, by the project's path.
   */
  test('password lengths are accepted exactly between 16 and 256 with min <= max, at the organisation and in each project that inherits one', () => {
    const project = 'privilegedAccess.resourceGroups[1].projects[0].adAccountPasswords';
    const projectMin: number = exampleRaw().privilegedAccess.resourceGroups[1].projects[0].adAccountPasswords.minLength;
    expect(exampleRaw().privilegedAccess.resourceGroups[1].projects[0].adAccountPasswords.maxLength).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (min, max) => {
        const change = (raw: Record<string, any>) => Object.assign(raw.privilegedAccess.adAccounts.passwords, { minLength: min, maxLength: max });
        const organisationValid = min >= 16 && max <= 256 && min <= max;
        if (!organisationValid) {
          expect(problemsOf(change).some((p) => p.startsWith('privilegedAccess.adAccounts.passwords.m'))).toBe(true);
        } else if (max < projectMin) {
          expect(problemsOf(change)).toContain(`${project}.maxLength: is ${max} but must be between minLength (${projectMin}) and 256 (the AD limit)`);
        } else {
          expect(() => exampleWith(change)).not.toThrow();
        }
      }),
      // The edges: the smallest valid pair, one below the project's minimum, and the project's minimum itself.
      {
        numRuns: 15,
        examples: [
          [16, 16],
          [16, projectMin - 1],
          [16, projectMin],
          [256, 256],
          [15, 256],
          [16, 257],
        ],
      },
    );
  });
});
