import { AsyncLocalStorage } from 'node:async_hooks';
import { CallSink } from '../../ports/okta-directory';

/**
 * Carries the current request's call sink through the Okta SDK, which has no per-call hook of its own: the SDK calls
 * our request executor for every HTTP exchange (token requests included), and the executor reports to whatever sink
 * is active in this async context.
 */
export const callContext = new AsyncLocalStorage<CallSink>();
