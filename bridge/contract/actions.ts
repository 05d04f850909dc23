/**
 * The four lifecycle intents a ServiceNow catalog request can carry. The catalog item (`constructs/jml-catalog-item`),
 * the environment configuration (`config/schema/jml.ts`, Workflows flows per action) and the bridge all take the list
 * from here.
 */
export const JML_ACTIONS = ['joiner', 'mover', 'leaver', 'rehire'] as const;

export type JmlAction = (typeof JML_ACTIONS)[number];
