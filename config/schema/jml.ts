import { z } from 'zod';
import { JML_ACTIONS, type JmlAction } from '../../bridge/contract/actions';

/** The JML actions the bridge performs (defined in the bridge contract), one Workflows flow each when Workflows executes them. */
export { JML_ACTIONS, type JmlAction };

const FlowAliasSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be the alias of an Okta Workflows API-endpoint flow (letters, digits, _ and -)');

/**
 * Who executes JML actions in Okta: the bridge itself through the Management API, or Okta Workflows
 * API-endpoint flows that an organisation already runs (flows are imported by hand; see the README).
 */
export const JmlSchema = z.discriminatedUnion('executor', [
  z.object({ executor: z.literal('management-api') }).strict(),
  z
    .object({
      executor: z.literal('workflows'),
      workflows: z
        .object({
          /** `oauth` uses the service app with okta.workflows.invoke.manage; `client-token` a token set out of band. */
          auth: z.enum(['oauth', 'client-token']).default('oauth'),
          flows: z.object(Object.fromEntries(JML_ACTIONS.map((a) => [a, FlowAliasSchema])) as Record<JmlAction, typeof FlowAliasSchema>).strict(),
        })
        .strict(),
    })
    .strict(),
]);

export type JmlConfig = z.infer<typeof JmlSchema>;
