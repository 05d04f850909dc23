import { TerraformStack } from 'cdktf';
import { selectEnvironments } from '../../config/select';
import { REQUIRED_TERRAFORM_VERSION } from '../../stacks/base-stack';
import { declareForTest, synthJson } from '../helpers/synth';

describe('required_version', () => {
  it('every synthesized stack of every environment declares the Terraform version the README requires', () => {
    const config = selectEnvironments('example')[0];
    const { app } = declareForTest(config);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
    expect(stacks.length).toBeGreaterThanOrEqual(5);
    for (const stack of stacks) {
      expect({ stack: stack.node.id, required: synthJson(stack).terraform?.required_version }).toEqual({ stack: stack.node.id, required: '>= 1.10' });
    }
    expect(REQUIRED_TERRAFORM_VERSION).toBe('>= 1.10');
  });
});
