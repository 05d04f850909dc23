import { Testing } from 'cdktf';
import { gatewaySelector } from '../../constructs/pam-gateway';
import { PamAdConnection } from '../../constructs/pam-ad-connection';

describe('gatewaySelector', () => {
  test('writes every label as key=value, sorted, so plans are stable', () => {
    expect(gatewaySelector({ role: 'session-recording', env: 'prod' })).toBe('env=prod,role=session-recording');
  });
});

describe('PamAdConnection', () => {
  /** A connection with a discovery job every 12 hours (not daily); each test adds its rules. */
  const connection = {
    name: 'ad',
    domain: 'corp.example.com',
    gatewayId: 'gw',
    serviceAccountUsername: 'svc',
    serviceAccountPassword: 'from-a-variable',
    serverDiscovery: {
      name: 'd',
      frequencyHours: 12,
      startHourUtc: 3,
      hostNameAttribute: 'dNSHostName',
      accessAddressAttribute: 'dNSHostName',
      osAttribute: 'operatingSystem',
    },
  };

  test('fails when no project gives discovery a rule', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new PamAdConnection(scope, 'Ad', {
          ...connection,
          rules: [],
        });
      }),
    ).toThrow(/no discovery rule; give at least one project an adDiscovery base DN and filter/);
  });

  test('sends the start hour only for daily jobs, where the provider uses it', () => {
    const synth = JSON.parse(
      Testing.synthScope((scope) => {
        new PamAdConnection(scope, 'Ad', {
          ...connection,
          rules: [{ projectId: 'p', baseDn: 'DC=corp', ldapQueryFilter: '(objectClass=computer)' }],
          userSync: { name: 'u', baseDn: 'DC=corp', ldapQueryFilter: '(objectClass=user)', frequencyHours: 24, startHourUtc: 4 },
        });
      }),
    );
    const [discovery] = Object.values<any>(synth.resource.oktapam_ad_task_settings);
    expect(discovery.start_hour_utc).toBeUndefined();
    expect(discovery.rule_assignments).toEqual([{ project_id: 'p', base_dn: 'DC=corp', ldap_query_filter: '(objectClass=computer)', priority: 1 }]);
    const [sync] = Object.values<any>(synth.resource.oktapam_ad_user_sync_task_settings);
    expect(sync).toMatchObject({ frequency: 24, start_hour_utc: 4, is_active: true });
  });
});
