import { Testing, TerraformStack } from 'cdktf';
import { OktaProvider } from '../../.gen/providers/okta-oig/provider';
import { RequestCondition } from '../../.gen/providers/okta-oig/request-condition';
import { OktapamProvider } from '../../.gen/providers/oktapam/provider';
import { ServerEnrollmentToken } from '../../.gen/providers/oktapam/server-enrollment-token';
import { ServicenowProvider } from '../../.gen/providers/servicenow/provider';
import { Role } from '../../.gen/providers/servicenow/role';
import { stackJsonOf } from '../helpers/synth';

/** Synthesizes one stack declared by `declare` and returns its parsed JSON. */
function synth(declare: (stack: TerraformStack) => void): Record<string, any> {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'bindings');
  declare(stack);
  return stackJsonOf(stack);
}

describe('generated bindings pin their provider', () => {
  test('okta/okta 6.12.0 (OIG) with its resources', () => {
    const json = synth((stack) => {
      new OktaProvider(stack, 'okta', { orgName: 'example' });
      new RequestCondition(stack, 'condition', {
        resourceId: 'app-id',
        name: 'condition',
        approvalSequenceId: 'sequence-id',
        accessScopeSettings: { type: 'GROUPS', ids: [{ id: 'group-id' }] },
        requesterSettings: { type: 'EVERYONE' },
      });
    });
    expect(json.terraform.required_providers).toEqual({ okta: { source: 'okta/okta', version: '6.12.0' } });
    expect(json.resource.okta_request_condition.condition.access_scope_settings).toEqual({ type: 'GROUPS', ids: [{ id: 'group-id' }] });
  });

  test('okta/oktapam 0.7.1', () => {
    const json = synth((stack) => {
      new OktapamProvider(stack, 'oktapam');
      new ServerEnrollmentToken(stack, 'token', { projectName: 'servers', description: 'enroll' });
    });
    expect(json.terraform.required_providers).toEqual({ oktapam: { source: 'okta/oktapam', version: '0.7.1' } });
    expect(json.resource.oktapam_server_enrollment_token.token).toMatchObject({ project_name: 'servers' });
  });

  test('tylerhatton/servicenow 0.11.0', () => {
    const json = synth((stack) => {
      new ServicenowProvider(stack, 'servicenow', { instanceUrl: 'https://example.service-now.com', username: 'u', password: 'p' });
      new Role(stack, 'role', { suffix: 'jml_requester' });
    });
    expect(json.terraform.required_providers).toEqual({ servicenow: { source: 'tylerhatton/servicenow', version: '0.11.0' } });
    expect(json.resource.servicenow_role.role).toMatchObject({ suffix: 'jml_requester' });
  });
});
