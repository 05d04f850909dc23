import type { HttpResult } from '../http-kit/http';
import { header } from '../http-kit/http';
import { authenticate, requireScope } from './auth';
import type { OktaRequestContext, OktaRoute, OktaServices } from './context';
import type { Directory } from './directory';
import { OktaApiError } from './errors';
import { requestId as newRequestId } from './ids';
import type { OperationContext } from './model';

/**
 * Okta Workflows API-endpoint flows (docs/reference/okta-workflows.md §1): `POST|GET /api/flo/{flowAlias}/invoke`, secured by a client
 * token (`?clientToken=` or `x-api-client-token`), by an org-authorization-server bearer token with
 * `okta.workflows.invoke.manage`, or not at all. Flows are JS handlers registered by tests.
 *
 * Real Workflows lives on `{org}.workflows.okta.com`; the simulator serves it from the org URL. The bodies of
 * Workflows' own errors (bad client token, unknown flow, 429) are not documented and are assumed here.
 */

/** What a flow's handler receives: the API Endpoint card's outputs. */
export interface FlowInput {
  readonly method: 'GET' | 'POST';
  /** Parsed JSON body, or undefined. */
  readonly body: unknown;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names, as the card exposes them. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Lets a flow act on the same simulated org, as Okta connector cards do. */
export interface FlowContext {
  readonly directory: Directory;
  /** Operation context for directory calls: actor "Okta Workflows", a fresh request id. */
  readonly op: OperationContext;
}

/** A "Return Raw" card: full control over status (200 or 400-599), headers and a string body. */
export interface RawFlowResult {
  readonly kind: 'raw';
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A "Return Error" card: ends the flow with this status and message. */
export class FlowError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'FlowError';
  }
}

export interface FlowRegistration {
  /** Endpoint security option (docs/reference/okta-workflows.md §1.1). */
  readonly security: 'client-token' | 'oauth' | 'none';
  /** Required with `security: 'client-token'`. */
  readonly clientToken?: string;
  /**
   * `sync`: the caller waits and gets the handler's result (a "Return" card: 200 with the returned object).
   * `async`: a "Close" card at the start: the caller gets `closeStatus` / `closeBody` at once, the flow runs on.
   * @default 'sync'
   */
  readonly mode?: 'sync' | 'async';
  /** @default 200 */
  readonly closeStatus?: number;
  /** @default {} */
  readonly closeBody?: unknown;
  handler(input: FlowInput, ctx: FlowContext): unknown;
}

/** One flow run, for tests to inspect. */
export interface FlowExecution {
  readonly alias: string;
  readonly input: FlowInput;
  readonly startedAt: string;
  finishedAt?: string;
  output?: unknown;
  error?: string;
}

export interface WorkflowsTiming {
  /** Workflows closes the connection after 60 s (docs/reference/okta-workflows.md §1.4). @default 60000 */
  readonly connectionCloseMs: number;
  /** Direct invocations allowed per second per flow (docs/reference/okta-workflows.md §1.5). @default 10 */
  readonly invocationsPerSecond: number;
}

const WORKFLOWS_ACTOR = {
  id: '0oaWorkflowsConnector',
  type: 'PublicClientApp',
  alternateId: 'okta_flow_sso',
  displayName: 'Okta Workflows',
};

export class WorkflowsEngine {
  private readonly flows = new Map<string, FlowRegistration>();
  private readonly runs: FlowExecution[] = [];
  private readonly background = new Set<Promise<void>>();
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(readonly timing: WorkflowsTiming) {}

  register(alias: string, registration: FlowRegistration): void {
    if (registration.security === 'client-token' && !registration.clientToken) {
      throw new Error(`flow ${alias} uses client-token security but has no clientToken; set one`);
    }
    this.flows.set(alias, registration);
  }

  get(alias: string): FlowRegistration | undefined {
    return this.flows.get(alias);
  }

  executions(alias?: string): readonly FlowExecution[] {
    return alias === undefined ? this.runs : this.runs.filter((r) => r.alias === alias);
  }

  /** Waits for every asynchronous flow run to finish. */
  async idle(): Promise<void> {
    while (this.background.size > 0) {
      await Promise.allSettled([...this.background]);
    }
  }

  /** Counts an invocation against the flow's per-second limit; false when over it. */
  admit(alias: string, now = Date.now()): boolean {
    const second = Math.floor(now / 1000);
    const window = this.windows.get(alias);
    if (!window || window.second !== second) {
      this.windows.set(alias, { second, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.timing.invocationsPerSecond;
  }

  start(
    alias: string,
    registration: FlowRegistration,
    input: FlowInput,
    directory: Directory,
    requestUri: string,
  ): {
    run: FlowExecution;
    done: Promise<unknown>;
  } {
    const run: FlowExecution = { alias, input, startedAt: new Date().toISOString() };
    this.runs.push(run);
    const ctx: FlowContext = { directory, op: { actor: WORKFLOWS_ACTOR, requestId: newRequestId(), requestUri } };
    const done = Promise.resolve()
      .then(() => registration.handler(input, ctx))
      .then(
        (output) => {
          run.output = output;
          run.finishedAt = new Date().toISOString();
          return output;
        },
        (err: unknown) => {
          run.error = (err as Error).message;
          run.finishedAt = new Date().toISOString();
          throw err;
        },
      );
    return { run, done };
  }

  track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.background.add(settled);
    void settled.finally(() => this.background.delete(settled));
  }
}

function workflowsError(status: number, message: string): HttpResult {
  return { status, body: { message } };
}

async function checkSecurity(ctx: OktaRequestContext, services: OktaServices, flow: FlowRegistration): Promise<HttpResult | undefined> {
  if (flow.security === 'none') {
    return undefined;
  }
  if (flow.security === 'client-token') {
    const token = header(ctx.req, 'x-api-client-token') ?? ctx.url.searchParams.get('clientToken');
    if (token === null || token === undefined || token !== flow.clientToken) {
      return workflowsError(401, 'Unauthorized: missing or invalid client token (send ?clientToken= or x-api-client-token)');
    }
    return undefined;
  }
  const principal = await authenticate(ctx.req, ctx.url, services);
  requireScope(principal, 'okta.workflows.invoke.manage', ctx.url, services.orgUrl());
  return undefined;
}

function flowResponse(output: unknown): HttpResult {
  if (output !== null && typeof output === 'object' && (output as RawFlowResult).kind === 'raw') {
    const raw = output as RawFlowResult;
    if (!(raw.statusCode === 200 || (raw.statusCode >= 400 && raw.statusCode <= 599))) {
      return workflowsError(500, `Return Raw statusCode must be 200 or 400-599, got ${raw.statusCode}`);
    }
    return { status: raw.statusCode, headers: raw.headers, rawBody: raw.body };
  }
  return { status: 200, body: output ?? {} };
}

async function invoke(ctx: OktaRequestContext, services: OktaServices): Promise<HttpResult> {
  const alias = ctx.params.flowAlias;
  const engine = services.workflows;
  const flow = engine.get(alias);
  if (!flow) {
    return workflowsError(404, `No API-endpoint flow with alias ${alias}`);
  }
  const denied = await checkSecurity(ctx, services, flow);
  if (denied) {
    return denied;
  }
  if (!engine.admit(alias)) {
    return workflowsError(429, `Flow ${alias} exceeded ${engine.timing.invocationsPerSecond} invocations per second`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (typeof value === 'string') {
      headers[name.toLowerCase()] = value;
    }
  }
  const input: FlowInput = {
    method: ctx.req.method === 'GET' ? 'GET' : 'POST',
    body: ctx.req.method === 'GET' ? undefined : ctx.json(),
    query: Object.fromEntries(ctx.url.searchParams),
    headers,
  };
  const { done } = engine.start(alias, flow, input, services.directory, ctx.url.pathname);
  if (flow.mode === 'async') {
    engine.track(done);
    return { status: flow.closeStatus ?? 200, body: flow.closeBody ?? {} };
  }
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<'closed'>((resolve) => {
    timer = setTimeout(() => resolve('closed'), engine.timing.connectionCloseMs);
  });
  try {
    const outcome = await Promise.race([done, closed]);
    if (outcome === 'closed') {
      // The flow keeps running, but Workflows drops the caller's connection at the limit.
      engine.track(done);
      return { status: 504, resetConnection: true };
    }
    return flowResponse(outcome);
  } catch (err) {
    if (err instanceof FlowError) {
      return workflowsError(err.statusCode, err.message);
    }
    if (err instanceof OktaApiError) {
      return workflowsError(400, `Flow ${alias} failed: ${err.errorCode} ${err.errorSummary}`);
    }
    return workflowsError(500, `Flow ${alias} failed: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

export const workflowsRoutes: readonly OktaRoute[] = [
  { method: 'POST', path: '/api/flo/:flowAlias/invoke', bucket: 'none', auth: 'self', handle: invoke },
  { method: 'GET', path: '/api/flo/:flowAlias/invoke', bucket: 'none', auth: 'self', handle: invoke },
];
