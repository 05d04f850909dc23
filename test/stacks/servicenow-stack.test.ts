import '../helpers/cdktf-matchers';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BusinessRule } from '../../.gen/providers/servicenow/business-rule';
import { RestMethod } from '../../.gen/providers/servicenow/rest-method';
import { RestMethodHeader } from '../../.gen/providers/servicenow/rest-method-header';
import { ScriptInclude } from '../../.gen/providers/servicenow/script-include';
import { SystemProperty } from '../../.gen/providers/servicenow/system-property';
import { SCRIPTS_DIR } from '../../constructs/jml-signing-script';
import { WRITE_BACK_ACLS } from '../../constructs/integration-role';
import type { EnvironmentConfig } from '../../config/schema';
import { exampleWith } from '../helpers/config';
import { declareForTest, refTo, resourcesOf, type SynthJson, synthJson, synthString } from '../helpers/synth';

function servicenowOf(config: EnvironmentConfig): SynthJson {
  return synthJson(declareForTest(config).stacks.servicenow!);
}

/** The choices of the catalog variable named `variable`, as `{value, text}` in display order. */
function choicesOf(json: SynthJson, variable: string): { value: string; text: string }[] {
  const question = refTo(json, 'servicenow_service_catalog_variable', 'name', variable);
  return resourcesOf(json, 'servicenow_question_choice')
    .filter((choice) => choice.question === question)
    .sort((a, b) => Number(a.order) - Number(b.order))
    .map(({ value, text }) => ({ value, text }));
}

describe('ServiceNowStack', () => {
  const example = exampleWith();
  const { stacks } = declareForTest(example);
  // The ServiceNow stack first: preparing it adds the cross-stack output it reads to the bridge stack.
  const synth = synthString(stacks.servicenow!);
  const json = JSON.parse(synth) as SynthJson;
  const bridgeJson = synthJson(stacks.bridge);

  test('pins tylerhatton/servicenow 0.11.0 and configures only the instance URL', () => {
    expect(json.terraform.required_providers).toEqual({ servicenow: { source: 'tylerhatton/servicenow', version: '0.11.0' } });
    expect(json.provider.servicenow).toEqual([{ instance_url: 'https://example-instance.service-now.com' }]);
  });

  test('offers exactly the departments of the identity config, keyed by department key, showing the Okta value', () => {
    expect(choicesOf(json, 'jml_department')).toEqual(example.identity.departments.map((d) => ({ value: d.key, text: d.value })));
    expect(choicesOf(json, 'jml_department')).toContainEqual({ value: 'legal', text: 'Legal "Counsel" \\ Compliance' });
  });

  test('offers exactly the title roles of the identity config', () => {
    expect(choicesOf(json, 'jml_title')).toEqual(example.identity.roles.map((r) => ({ value: r.key, text: r.value })));
  });

  test('follows the config: a new department is a new choice, a role on another attribute is not offered', () => {
    const changed = exampleWith((raw) => {
      raw.identity.departments.push({ key: 'support', value: 'Customer Support' });
      raw.identity.roles[1].attribute = 'costCenter';
    });
    const other = servicenowOf(changed);
    expect(choicesOf(other, 'jml_department').map((c) => c.value)).toEqual(['engineering', 'finance', 'sales', 'legal', 'support']);
    expect(choicesOf(other, 'jml_title').map((c) => c.value)).toEqual(['sre', 'finance-analyst']);
  });

  test('offers the four lifecycle actions the bridge knows', () => {
    expect(choicesOf(json, 'jml_action').map((c) => c.value)).toEqual(['joiner', 'mover', 'leaver', 'rehire']);
  });

  test('declares the item in the category of the catalog found by title, with one variable per request field', () => {
    const catalog = `\${data.servicenow_service_catalog.${Object.keys(json.data!.servicenow_service_catalog)[0]}.id}`;
    expect(json.data!.servicenow_service_catalog).toEqual({ [Object.keys(json.data!.servicenow_service_catalog)[0]]: { title: 'Service Catalog' } });
    expect(resourcesOf(json, 'servicenow_service_catalog_category')).toEqual([expect.objectContaining({ title: 'User lifecycle', catalog })]);
    expect(resourcesOf(json, 'servicenow_service_catalog_item')).toEqual([
      expect.objectContaining({
        name: 'User lifecycle request',
        category: refTo(json, 'servicenow_service_catalog_category', 'title', 'User lifecycle'),
        service_catalogs: catalog,
        no_cart: true,
        no_quantity: true,
      }),
    ]);
    const item = refTo(json, 'servicenow_service_catalog_item', 'name', 'User lifecycle request');
    const variables = resourcesOf(json, 'servicenow_service_catalog_variable').sort((a, b) => Number(a.order) - Number(b.order));
    expect(variables.map((v) => [v.name, v.type, v.mandatory])).toEqual([
      ['jml_action', 'Select Box', true],
      ['jml_login', 'Email', true],
      ['jml_email', 'Email', false],
      ['jml_first_name', 'Single Line Text', false],
      ['jml_last_name', 'Single Line Text', false],
      ['jml_employee_number', 'Single Line Text', true],
      ['jml_department', 'Select Box', false],
      ['jml_title', 'Select Box', false],
      ['jml_manager_login', 'Email', false],
      ['jml_effective_date', 'Date', true],
    ]);
    expect(variables.every((v) => v.catalog_item === item)).toBe(true);
  });

  test('declares the catalog when it is not an existing one', () => {
    const other = servicenowOf(exampleWith((raw) => (raw.servicenow.catalog = { title: 'Identity services', existing: false })));
    expect(other.data?.servicenow_service_catalog).toBeUndefined();
    expect(resourcesOf(other, 'servicenow_service_catalog')).toEqual([expect.objectContaining({ title: 'Identity services' })]);
    expect(resourcesOf(other, 'servicenow_service_catalog_category')[0].catalog).toBe(refTo(other, 'servicenow_service_catalog', 'title', 'Identity services'));
  });

  test("posts to the bridge stack's intake URL, read from the bridge's state by cross-stack reference", () => {
    const [message] = resourcesOf(json, 'servicenow_rest_message');
    const match = /^\$\{data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)\}\/v1\/jml$/.exec(message.rest_endpoint);
    expect(match).not.toBeNull();
    const [, remoteState, outputName] = match!;
    expect(json.data!.terraform_remote_state[remoteState]).toMatchObject({ backend: 'local', config: { path: '../../../terraform.bridge-example.tfstate' } });
    expect(bridgeJson.output[outputName].value).toBe(refTo(bridgeJson, 'aws_apigatewayv2_api', 'name', 'jml-bridge-example', 'api_endpoint'));
    expect(message).toMatchObject({ name: 'JML bridge', access: 'package_private' });
    expect(synth).toHaveResourceWithProperties(RestMethod, {
      name: 'post_jml_request',
      http_method: 'post',
      rest_endpoint: message.rest_endpoint,
      rest_message_id: refTo(json, 'servicenow_rest_message', 'name', 'JML bridge'),
    });
  });

  test('sends JSON: the method carries the content-type the bridge requires', () => {
    const method = refTo(json, 'servicenow_rest_method', 'name', 'post_jml_request');
    expect(synth).toHaveResourceWithProperties(RestMethodHeader, { name: 'Content-Type', value: 'application/json', rest_method_id: method });
    expect(synth).toHaveResourceWithProperties(RestMethodHeader, { name: 'Accept', value: 'application/json', rest_method_id: method });
  });

  test('loads the script include and the business rule verbatim from servicenow/scripts', () => {
    expect(synth).toHaveResourceWithProperties(ScriptInclude, {
      name: 'JmlBridgeClient',
      script: readFileSync(path.join(SCRIPTS_DIR, 'JmlBridgeClient.js'), 'utf8'),
      client_callable: false,
      access: 'package_private',
    });
    expect(synth).toHaveResourceWithProperties(BusinessRule, {
      table: 'sc_req_item',
      when: 'async',
      action_update: true,
      filter_condition: `approvalCHANGESTOapproved^cat_item=${refTo(json, 'servicenow_service_catalog_item', 'name', 'User lifecycle request')}^EQ`,
      script: readFileSync(path.join(SCRIPTS_DIR, 'jml-bridge-on-approval.js'), 'utf8'),
    });
    const [rule] = Object.values(json.resource!.servicenow_business_rule) as { depends_on?: string[] }[];
    expect(rule.depends_on).toEqual([expect.stringMatching(/^servicenow_script_include\./)]);
  });

  test('declares the signing secret as an encrypted, admin-only property without a value', () => {
    expect(synth).toHaveResourceWithProperties(SystemProperty, {
      suffix: 'jml.bridge.signing_secret',
      type: 'password2',
      read_roles: 'admin',
      write_roles: 'admin',
      is_private: true,
    });
    expect(resourcesOf(json, 'servicenow_system_property')[0]).not.toHaveProperty('value');
  });

  test('no secret value appears in the synthesized JSON, even with provider credentials in the environment', () => {
    const saved = { user: process.env.SERVICENOW_USERNAME, password: process.env.SERVICENOW_PASSWORD };
    process.env.SERVICENOW_USERNAME = 'terraform-sentinel-user';
    process.env.SERVICENOW_PASSWORD = 'sentinel-Pa55word';
    try {
      const text = synthString(declareForTest(exampleWith()).stacks.servicenow!);
      expect(text).not.toContain('sentinel');
      // The descriptions mention the whsec_ format; no actual secret (whsec_ followed by base64) may appear.
      expect(text).not.toMatch(/whsec_[A-Za-z0-9+/]{16,}/);
      expect(text).not.toMatch(/"(password|username)":/);
    } finally {
      for (const [name, value] of [
        ['SERVICENOW_USERNAME', saved.user],
        ['SERVICENOW_PASSWORD', saved.password],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  test('lets holders of the requester role, and of the configured existing roles, order the item', () => {
    const requester = refTo(json, 'servicenow_role', 'suffix', 'jml_requester');
    const existing = `\${data.servicenow_role.${Object.keys(json.data!.servicenow_role)[0]}.id}`;
    expect(Object.values(json.data!.servicenow_role)).toEqual([{ suffix: 'hr_partner' }]);
    const records = resourcesOf(json, 'servicenow_record');
    const criteria = records.find((r) => r.table === 'user_criteria');
    expect(criteria?.fields).toEqual({ name: 'User lifecycle request: requesters', role: `${requester},${existing}`, match_all: 'false', active: 'true' });
    expect(records.find((r) => r.table === 'sc_cat_item_user_criteria_mtom')?.fields).toEqual({
      sc_cat_item: refTo(json, 'servicenow_service_catalog_item', 'name', 'User lifecycle request'),
      user_criteria: refTo(json, 'servicenow_record', 'table', 'user_criteria'),
    });
  });

  test('grants the integration role only the write-back ACLs, and none when ACLs are managed by hand', () => {
    const role = refTo(json, 'servicenow_role', 'suffix', 'jml_bridge_integration');
    const acls = resourcesOf(json, 'servicenow_acl');
    expect(acls.map((acl) => `${acl.operation} ${acl.name}`).sort()).toEqual(WRITE_BACK_ACLS.map((acl) => `${acl.operation} ${acl.name}`).sort());
    expect(acls.every((acl) => acl.roles === role && acl.type === 'record' && acl.active === true)).toBe(true);
    expect(
      resourcesOf(json, 'servicenow_role')
        .map((r) => r.suffix)
        .sort(),
    ).toEqual(['jml_bridge_integration', 'jml_requester']);
    expect(resourcesOf(json, 'servicenow_role').every((r) => r.elevated_privilege === false)).toBe(true);
    const manual = servicenowOf(exampleWith((raw) => (raw.servicenow.integration.manageAcls = false)));
    expect(manual.resource?.servicenow_acl).toBeUndefined();
  });

  test('outputs what an administrator needs after deploy, with stable names and no secret', () => {
    expect(Object.keys(json.output).sort()).toEqual(['catalog_item_id', 'integration_role_name', 'requester_role_name', 'signing_secret_property_name']);
    expect(json.output.signing_secret_property_name.value).toBe('jml.bridge.signing_secret');
  });

  test('is not declared for an environment without a servicenow section', () => {
    const config = exampleWith((raw) => delete raw.servicenow);
    expect(declareForTest(config).stacks.servicenow).toBeUndefined();
  });

  test('matches the snapshot of the example environment', () => {
    expect(json).toMatchSnapshot();
  });
});
