import { randomBytes } from 'node:crypto';
import { JML_MANAGEMENT_SCOPES, JML_ROLE_PERMISSIONS, WORKFLOWS_INVOKE_SCOPE } from '../../constructs/jml-service-app';
import { LIFECYCLE_EVENT_TYPES } from '../../constructs/lifecycle-event-hook';
import type { GroupSeed, OktaSimulatorOptions, OpaSimulator } from '../../simulators';
import type { GroupRuleSeed } from '../../simulators/okta/group-rules';
import type { InertGroupRuleSeed } from '../../simulators/okta/inventory';

/**
 * A realistic organisation that grew without this project: hundreds of groups, most of them off any naming scheme,
 * group rules of several shapes, several apps and hooks, request conditions, an OPA team and a catalog item.
 * `expected` says what adoption must make of each object.
 */
export interface SeededOrg {
  readonly okta: OktaSimulatorOptions;
  readonly servicenowTables: Record<string, Record<string, string>[]>;
  seedOpa(opa: OpaSimulator): void;
  readonly expected: {
    /** Adopted groups: Okta name -> { id, kind, key, explicit name? }. */
    readonly groups: Map<string, { id: string; kind: 'dept' | 'role' | 'access'; key: string; mapped: boolean }>;
    /** Groups adoption must leave alone, by reason. */
    readonly unmanaged: string[];
    readonly inexpressible: string[];
    /** Import ids every synthesized import block must carry, by logical key. */
    readonly imports: Record<string, string>;
    totalGroups: number;
  };
}

const id = (prefix: string) => prefix + randomBytes(15).toString('base64url').replace(/[-_]/g, 'q').slice(0, 17);
const hex = () => randomBytes(12).toString('hex');

const DEPARTMENTS = [
  'Engineering',
  'Finance',
  'Sales & Marketing',
  'Legal "Counsel" \\ Compliance',
  'People Operations',
  'Customer Success',
  'Research',
  'Facilities',
  'Security',
  'Procurement',
];
const TITLES = ['Site Reliability Engineer', 'Database Administrator', 'Financial Analyst', 'Account Executive', 'Support Engineer', 'Recruiter'];

export function seededOrg(publicJwk: Record<string, string>): SeededOrg {
  const groups: GroupSeed[] = [];
  const groupRules: GroupRuleSeed[] = [];
  const inert: InertGroupRuleSeed[] = [];
  const expected: SeededOrg['expected'] = { groups: new Map(), unmanaged: [], inexpressible: [], imports: {}, totalGroups: 0 };
  const group = (name: string, description?: string, type: 'OKTA_GROUP' | 'APP_GROUP' = 'OKTA_GROUP') => {
    const seed = { id: id('00g'), name, description, type };
    groups.push(seed);
    return seed.id;
  };
  const rule = (name: string, expression: string, groupName: string) => groupRules.push({ name, expression, groupName });

  // Department groups: three on the naming scheme, the rest named by hand (kept with explicit names).
  DEPARTMENTS.forEach((department, i) => {
    const onScheme = i < 3;
    const key = ['engineering', 'finance', 'sales'][i];
    const name = onScheme ? `jml-dept-${key}` : `Dept: ${department}`;
    const gid = group(name, i === 5 ? undefined : `Everyone in ${department}`);
    // Non-canonical spacing on one rule: the same test, rewritten on the first apply.
    rule(
      `Dept rule ${i}`,
      i === 4 ? `user.department == "${department.replace(/["\\]/g, '\\$&')}"` : `user.department=="${department.replace(/["\\]/g, '\\$&')}"`,
      name,
    );
    expected.groups.set(name, { id: gid, kind: 'dept', key: onScheme ? key! : '', mapped: !onScheme });
  });
  TITLES.forEach((title, i) => {
    const name = i === 0 ? 'jml-role-sre' : `Role - ${title}`;
    const gid = group(name, `Holders of ${title}`);
    rule(`Role rule ${i}`, `user.title=="${title}"`, name);
    expected.groups.set(name, { id: gid, kind: 'role', key: i === 0 ? 'sre' : '', mapped: i !== 0 });
  });
  ['CC-1001', 'CC-2002'].forEach((costCenter) => {
    const name = `Cost centre ${costCenter}`;
    const gid = group(name, `Cost centre ${costCenter}`);
    rule(`Cost centre ${costCenter}`, `user.costCenter=="${costCenter}"`, name);
    expected.groups.set(name, { id: gid, kind: 'role', key: '', mapped: true });
  });

  // Rules the project cannot express: their groups are not adopted.
  const shapes: [string, string][] = [
    ['Contractors', 'isMemberOfGroup("00gContractorsSrc001")'],
    ['Eng prefix', 'String.startsWith(user.department, "Eng")'],
    ['EMEA sales', 'user.department=="Sales" OR user.countryCode=="DE"'],
    ['Managers', 'user.managerId != null'],
    ['Lowercase', "user.department=='engineering'"],
  ];
  for (const [name, expression] of shapes) {
    group(`Dynamic - ${name}`, `Rule-driven: ${name}`);
    inert.push({ name: `Dynamic ${name}`, expression, groupNames: [`Dynamic - ${name}`] });
    expected.inexpressible.push(`Dynamic - ${name}`);
  }
  group('Two targets A');
  group('Two targets B');
  inert.push({ name: 'Two targets', expression: 'user.department=="Facilities"', groupNames: ['Two targets A', 'Two targets B'] });
  expected.inexpressible.push('Two targets A', 'Two targets B');
  group('Two rules');
  rule('Two rules 1', 'user.department=="Research"', 'Two rules');
  rule('Two rules 2', 'user.title=="Recruiter"', 'Two rules');
  expected.inexpressible.push('Two rules');

  // Server-access groups assigned to the Privileged Access app (three on the scheme, as the base's OPA section names them).
  const paAppId = id('0oa');
  const access = [
    'jml-access-eng-linux-prod',
    'jml-access-eng-windows-prod',
    'jml-access-finance-windows',
    'PAM - Oracle DBs',
    'PAM - Kafka brokers',
    'PAM - Bastion',
  ];
  access.forEach((name, i) => {
    const gid = group(name, i === 5 ? undefined : `Server access: ${name}`);
    expected.groups.set(name, { id: gid, kind: 'access', key: ['eng-linux-prod', 'eng-windows-prod', 'finance-windows'][i] ?? '', mapped: i >= 3 });
  });
  group('PAM - ruled', 'Assigned to OPA and by rule');
  inert.push({ name: 'PAM ruled', expression: 'user.department=="Security" AND user.title=="Lead"', groupNames: ['PAM - ruled'] });
  expected.unmanaged.push('PAM - ruled');

  // Hundreds of groups nobody manages by rule or assignment, and app groups.
  for (let n = 1; n <= 320; n += 1) {
    const name = `Team ${String(n).padStart(3, '0')}`;
    group(name, `Team ${n}`);
    expected.unmanaged.push(name);
  }
  for (const app of ['Salesforce', 'Workday', 'Slack']) group(`${app} users`, undefined, 'APP_GROUP');
  expected.unmanaged.push('Salesforce users', 'Workday users', 'Slack users');
  expected.totalGroups = groups.length;

  // The service app, its role and resource set, hooks and request conditions.
  const serviceAppId = id('0oa');
  const label = 'JML bridge (example)';
  const roleId = id('cr0');
  const populationSet = id('iam');
  const assignmentId = id('irb');
  const sequences = [
    { id: hex(), name: 'Manager then Security' },
    { id: hex(), name: 'Manager approval' },
  ];
  const conditions = [
    {
      id: hex(),
      name: 'jml-eng-linux-sre',
      description: 'SREs may request SSH',
      approvalSequenceId: sequences[0]!.id,
      accessScopeGroups: ['jml-access-eng-linux-prod'],
      requesterGroups: ['jml-dept-engineering', 'jml-role-sre'],
      accessDuration: 'PT8H',
    },
    {
      id: hex(),
      name: 'Oracle DBA access',
      description: 'DBAs reach the Oracle hosts',
      approvalSequenceId: sequences[0]!.id,
      accessScopeGroups: ['PAM - Oracle DBs'],
      requesterGroups: ['Role - Database Administrator'],
      accessDuration: 'PT4H',
      durationType: 'ADMIN_FIXED_DURATION' as const,
    },
    {
      id: hex(),
      name: 'jml-finance-windows',
      approvalSequenceId: sequences[1]!.id,
      accessScopeGroups: ['jml-access-finance-windows', 'jml-access-eng-windows-prod'],
      requesterGroups: ['jml-dept-finance', 'Role - Financial Analyst'],
      accessDuration: 'P2D',
    },
    {
      id: hex(),
      name: 'Bastion for all',
      approvalSequenceId: sequences[1]!.id,
      accessScopeGroups: ['PAM - Bastion'],
      requesterGroups: [],
      accessDuration: 'PT1H',
    },
  ];
  expected.imports[`okta_app_oauth:${label}`] = serviceAppId;
  expected.imports[`okta_admin_role_custom:${label}/${label} lifecycle`] = roleId;
  expected.imports[`okta_resource_set:${label}/${label} population`] = populationSet;
  expected.imports[`okta_app_oauth_role_assignment:${label}/RoleAssignment`] = `${serviceAppId}/${assignmentId}`;
  expected.imports['okta_request_condition:jml-eng-linux-sre'] = `${paAppId}/${conditions[0]!.id}`;
  expected.imports['okta_request_condition:jml-finance-windows'] = `${paAppId}/${conditions[2]!.id}`;
  expected.imports['okta_request_condition:jml-oracle-dba-access'] = `${paAppId}/${conditions[1]!.id}`;
  const hookId = id('who');
  expected.imports['okta_event_hook:JML lifecycle events (acme)'] = hookId;

  const okta: OktaSimulatorOptions = {
    groups,
    groupRules,
    apps: [
      { id: paAppId, label: 'Okta Privileged Access', name: 'okta_privileged_access' },
      { label: 'Salesforce', name: 'salesforce' },
      { label: 'Okta Privileged Access (staging)', name: 'okta_privileged_access' },
    ],
    requestSequences: { [paAppId]: sequences },
    inventory: {
      inertGroupRules: inert,
      oauthApps: [
        {
          id: serviceAppId,
          label,
          clientId: serviceAppId,
          jwks: [publicJwk],
          grantedScopes: [...JML_MANAGEMENT_SCOPES, WORKFLOWS_INVOKE_SCOPE, 'okta.apps.read'],
        },
        { id: id('0oa'), label: 'Reporting exporter', grantedScopes: ['okta.logs.read'] },
      ],
      appGroupAssignments: { [paAppId]: [...access, 'PAM - ruled'] },
      customRoles: [
        { id: roleId, label: `${label} lifecycle`, permissions: JML_ROLE_PERMISSIONS.filter((p) => p !== 'okta.users.create') },
        { id: id('cr0'), label: 'Helpdesk', permissions: ['okta.users.read'] },
      ],
      resourceSets: [{ id: populationSet, label: `${label} population`, resources: [] }],
      clientRoleAssignments: { [serviceAppId]: [{ id: assignmentId, role: roleId, resourceSet: populationSet }] },
      eventHooks: [
        {
          id: hookId,
          name: 'JML lifecycle events (acme)',
          url: 'https://old-bridge.acme.example/v1/okta/events',
          events: [...LIFECYCLE_EVENT_TYPES, 'user.session.start'],
        },
        { name: 'SIEM export', url: 'https://siem.acme.example/okta', events: ['user.session.start'] },
      ],
      requestConditions: { [paAppId]: conditions },
      requestSettings: { [paAppId]: { requestOnBehalfOf: false } },
    },
    // Small windows so the run meets the limits and has to pace itself.
    rateLimits: { windowMs: 1000, limits: { 'groups-create-list': 3, other: 40 } },
  };

  // ServiceNow: the catalog item and its choices as a previous hand-built version left them.
  const item = randomBytes(16).toString('hex');
  const category = randomBytes(16).toString('hex');
  const variable = randomBytes(16).toString('hex');
  const servicenowTables = {
    sc_category: [{ sys_id: category, title: 'People changes' }],
    sc_cat_item: [{ sys_id: item, name: 'User lifecycle request', short_description: 'Hire, move or offboard someone', category }],
    item_option_new: [{ sys_id: variable, name: 'jml_department', cat_item: item, question_text: 'Department' }],
    question_choice: [
      { sys_id: randomBytes(16).toString('hex'), question: variable, value: 'engineering', text: 'Engineering' },
      { sys_id: randomBytes(16).toString('hex'), question: variable, value: 'finance', text: 'Finance & Accounting' },
      { sys_id: randomBytes(16).toString('hex'), question: variable, value: 'hr', text: 'Human Resources' },
    ],
    sys_user_role: [{ name: 'jml_requester' }, { name: 'hr_partner' }],
  };
  expected.imports['servicenow_service_catalog_item:User lifecycle request'] = item;
  expected.imports['servicenow_service_catalog_category:User lifecycle request/People changes'] = category;
  expected.imports['servicenow_service_catalog_variable:User lifecycle request/jml_department'] = variable;
  expected.imports['servicenow_question_choice:User lifecycle request/jml_department/engineering'] = servicenowTables.question_choice[0]!.sys_id;

  const seedOpa = (opa: OpaSimulator) => {
    const engineering = opa.state.seedResourceGroup({ name: 'jml-engineering' });
    const linux = opa.state.seedProject(engineering.id, { name: 'linux-prod' });
    // Rotated weekly by hand; the environment rotates linux-prod every 12 hours.
    opa.state.seedServerPasswordSettings(linux.id, {
      enable_periodic_rotation: true,
      periodic_rotation_duration_in_seconds: 604800,
      min_length: 32,
      max_length: 64,
    });
    expected.imports['oktapam_password_settings:jml-engineering/linux-prod/Passwords'] = `${engineering.id}/${linux.id}`;
    opa.state.seedResourceGroup({ name: 'legacy-ops' });
    const policy = opa.state.seedSecurityPolicy(engineering.id, { name: 'jml-engineering-linux-ssh' });
    expected.imports['oktapam_resource_group:jml-engineering'] = engineering.id;
    expected.imports['oktapam_resource_group_project:jml-engineering/linux-prod'] = `${engineering.id}/${linux.id}`;
    expected.imports['oktapam_security_policy_v2:jml-engineering-linux-ssh'] = policy.id;
  };
  return { okta, servicenowTables, seedOpa, expected };
}
