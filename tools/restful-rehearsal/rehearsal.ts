import { checkPostconditions, type Postcondition } from './conditions';
import { gjson, readPath, resolveValue, restfulTemplate } from './expressions';
import { send, type RestfulCall, type RestfulClientOptions } from './http';

type Json = Record<string, any>;

export interface RehearsalOptions {
  /** A synthesized stack (cdk.tf.json, parsed). */
  readonly stack: Json;
  /** Replaces every restful provider's `base_url` (the simulator's http://127.0.0.1:<port>). */
  readonly baseUrl: string;
  /** Values of the stack's variables (`opa_key_id`, `opa_key_secret`). */
  readonly variables: Readonly<Record<string, string>>;
  /** Values of references to other providers' resources (`oktapam_resource_group.<id>.id`), which the rehearsal does not create. */
  readonly external: (expression: string) => unknown;
  /** @default real sleep */
  readonly sleep?: (seconds: number) => Promise<void>;
}

/** What one restful resource or operation looks like in the rehearsal's state (what Terraform's state would hold). */
export interface RehearsedState {
  readonly address: string;
  id: string;
  path: string;
  body: unknown;
  output: unknown;
}

export interface ApplyResult {
  readonly created: string[];
  readonly updated: string[];
  /** Addresses whose remote object differed from state (drift), before the update put the config back. */
  readonly drifted: string[];
}

interface Element {
  readonly address: string;
  readonly kind: 'resource' | 'operation' | 'data';
  readonly config: Json;
}

const REFERENCE = /\b((?:data\.)?restful_(?:resource|operation)\.[A-Za-z0-9_-]+)/g;

/**
 * Applies and destroys the magodo/restful elements of a synthesized stack the way the provider does (docs of
 * restful 0.25.2, docs/opa-ad-accounts.md): an ephemeral token per run, create with `create_method` and an id
 * from `read_path`, reads that keep only the keys of the body in state (drift = a configured key changed), updates
 * with `update_method`, operations run again when their body changes, deletes with `delete_method` and
 * `delete_body`, 404 on read drops the resource, 404 on delete is success, and retries on the provider's
 * `client.retry` statuses. Not a Terraform: it knows only the expressions and conditions the OPA constructs write.
 */
export class RestfulRehearsal {
  readonly state = new Map<string, RehearsedState>();
  readonly calls: RestfulCall[] = [];
  private ephemeral = new Map<string, unknown>();
  private data = new Map<string, unknown>();

  constructor(private readonly options: RehearsalOptions) {}

  /** One `terraform apply`: opens the ephemeral token, reads data sources, then creates, reads and updates. */
  async apply(): Promise<ApplyResult> {
    const result: ApplyResult = { created: [], updated: [], drifted: [] };
    await this.openEphemerals();
    for (const element of this.ordered()) {
      if (element.kind === 'data') await this.readData(element);
      else if (element.kind === 'operation') await this.runOperation(element, result);
      else await this.applyResource(element, result);
    }
    return result;
  }

  /** One `terraform destroy`: a new token, then every resource in reverse order. */
  async destroy(): Promise<string[]> {
    await this.openEphemerals();
    for (const element of this.ordered().filter((e) => e.kind === 'data')) await this.readData(element);
    const destroyed: string[] = [];
    for (const element of this.ordered().reverse()) {
      const state = this.state.get(element.address);
      if (!state || element.kind === 'data') continue;
      const { config } = element;
      const method = element.kind === 'operation' ? config.delete_method : (config.delete_method ?? this.provider(config).delete_method ?? 'DELETE');
      if (method) {
        const path = config.delete_path ? this.resolve(config.delete_path) : state.id;
        const body = config.delete_body === undefined ? undefined : this.resolve(config.delete_body);
        await this.call(config, method, String(path), body);
      }
      this.state.delete(element.address);
      destroyed.push(element.address);
    }
    return destroyed;
  }

  private elements(): Element[] {
    const of = (group: Json | undefined, kind: Element['kind'], prefix: string) =>
      Object.entries(group ?? {}).map(([name, config]) => ({ address: `${prefix}.${name}`, kind, config: config as Json }));
    return [
      ...of(this.options.stack.data?.restful_resource, 'data', 'data.restful_resource'),
      ...of(this.options.stack.resource?.restful_resource, 'resource', 'restful_resource'),
      ...of(this.options.stack.resource?.restful_operation, 'operation', 'restful_operation'),
    ];
  }

  /** Dependency order: references inside the element and `depends_on`. */
  private ordered(): Element[] {
    const elements = this.elements();
    const byAddress = new Map(elements.map((e) => [e.address, e]));
    const done = new Set<string>();
    const out: Element[] = [];
    const visit = (element: Element, trail: string[]) => {
      if (done.has(element.address)) return;
      if (trail.includes(element.address)) throw new Error(`dependency cycle: ${[...trail, element.address].join(' -> ')}`);
      const text = JSON.stringify({ ...element.config, depends_on: undefined });
      const deps = new Set([...text.matchAll(REFERENCE)].map((m) => m[1] as string).concat(element.config.depends_on ?? []));
      for (const dep of deps) {
        const target = byAddress.get(dep);
        if (target && target !== element) visit(target, [...trail, element.address]);
      }
      done.add(element.address);
      out.push(element);
    };
    elements.forEach((e) => visit(e, []));
    return out;
  }

  private provider(config: Json): Json {
    const alias = String(config.provider ?? 'restful').split('.')[1];
    const found = (this.options.stack.provider?.restful ?? []).find((p: Json) => p.alias === alias);
    if (!found) throw new Error(`no restful provider with alias ${String(alias)}`);
    return found;
  }

  private client(config: Json): RestfulClientOptions {
    const provider = this.provider(config);
    const retry = provider.client?.retry;
    const tokenExpression = provider.security?.http?.token?.token;
    return {
      baseUrl: this.options.baseUrl,
      token: tokenExpression ? () => String(this.resolve(tokenExpression)) : undefined,
      retry: retry && {
        statusCodes: retry.status_codes,
        count: retry.count ?? 3,
        waitInSec: retry.wait_in_sec ?? 1,
        maxWaitInSec: retry.max_wait_in_sec ?? 3600,
      },
      sleep: this.options.sleep ?? ((s) => new Promise((r) => setTimeout(r, s * 1000))),
      log: this.calls,
    };
  }

  private call(config: Json, method: string, path: string, body?: unknown) {
    return send(this.client(config), method, path, body);
  }

  private resolve(value: unknown): unknown {
    return resolveValue(value, (expression) => {
      const variable = /^var\.([A-Za-z0-9_-]+)$/.exec(expression);
      if (variable) {
        const found = this.options.variables[variable[1] as string];
        if (found === undefined) throw new Error(`variable ${variable[1]} is not set (TF_VAR_${variable[1]})`);
        return found;
      }
      const ephemeral = /^ephemeral\.(restful_resource\.[A-Za-z0-9_-]+)\.(.+)$/.exec(expression);
      if (ephemeral) return readPath(this.ephemeral.get(ephemeral[1] as string), ephemeral[2] as string);
      const data = /^(data\.restful_resource\.[A-Za-z0-9_-]+)\.output(.*)$/.exec(expression);
      if (data) return readPath(this.data.get(data[1] as string), data[2] as string);
      const resource = /^(restful_(?:resource|operation)\.[A-Za-z0-9_-]+)\.output(.*)$/.exec(expression);
      if (resource) {
        const state = this.state.get(resource[1] as string);
        if (!state) throw new Error(`${resource[1]} is not created yet`);
        return readPath(state.output, resource[2] as string);
      }
      return this.options.external(expression);
    });
  }

  private async openEphemerals(): Promise<void> {
    this.ephemeral = new Map();
    for (const [name, config] of Object.entries<Json>(this.options.stack.ephemeral?.restful_resource ?? {})) {
      const address = `restful_resource.${name}`;
      const response = await this.call(config, config.method, String(this.resolve(config.path)), this.resolve(config.body));
      const self = config.use_sensitive_output ? { sensitive_output: response.body } : { output: response.body };
      checkPostconditions(`ephemeral.${address}`, config.lifecycle?.postcondition as Postcondition[] | undefined, self, Date.now());
      this.ephemeral.set(address, self);
    }
  }

  private async readData(element: Element): Promise<void> {
    const { config } = element;
    const response = await this.call(
      config,
      config.method ?? 'GET',
      String(this.resolve(config.id)),
      config.body === undefined ? undefined : this.resolve(config.body),
    );
    const output = config.selector ? gjson(response.body, config.selector) : response.body;
    checkPostconditions(element.address, config.lifecycle?.postcondition, { output }, Date.now());
    this.data.set(element.address, output);
  }

  private async applyResource(element: Element, result: ApplyResult): Promise<void> {
    const { config, address } = element;
    const provider = this.provider(config);
    const path = String(this.resolve(config.path));
    const body = this.resolve(config.body);
    let state = this.state.get(address);
    if (state && state.path !== path) {
      // `path` forces replacement.
      await this.call(config, config.delete_method ?? provider.delete_method ?? 'DELETE', state.id, config.delete_body && this.resolve(config.delete_body));
      this.state.delete(address);
      state = undefined;
    }
    if (state) {
      const read = await this.call(config, 'GET', state.id);
      if (read.status === 404) {
        this.state.delete(address);
        state = undefined;
      } else {
        const remote = shapeLike(state.body, read.body);
        if (JSON.stringify(remote) !== JSON.stringify(state.body)) result.drifted.push(address);
        state.body = remote;
        state.output = read.body;
      }
    }
    if (!state) {
      const created = await this.call(config, config.create_method ?? provider.create_method ?? 'POST', path, body);
      const id = config.read_path ? restfulTemplate(config.read_path, path, created.body) : path;
      this.state.set(address, { address, id, path, body, output: created.body });
      result.created.push(address);
      return;
    }
    if (JSON.stringify(state.body) !== JSON.stringify(body)) {
      await this.call(
        config,
        config.update_method ?? provider.update_method ?? 'PUT',
        config.update_path ? String(this.resolve(config.update_path)) : state.id,
        body,
      );
      const reread = await this.call(config, 'GET', state.id);
      state.body = body;
      state.output = reread.body;
      result.updated.push(address);
    }
  }

  private async runOperation(element: Element, result: ApplyResult): Promise<void> {
    const { config, address } = element;
    const path = String(this.resolve(config.path));
    const body = this.resolve(config.body);
    const state = this.state.get(address);
    if (state && state.path === path && JSON.stringify(state.body) === JSON.stringify(body)) return;
    const response = await this.call(config, config.method, path, body);
    this.state.set(address, { address, id: path, path, body, output: response.body });
    (state ? result.updated : result.created).push(address);
  }
}

/**
 * restful's partial body tracking: the remote object converted to the shape of the body in state, so keys the
 * server adds are dropped and only configured keys can drift.
 */
export function shapeLike(template: unknown, value: unknown): unknown {
  if (Array.isArray(template)) {
    if (!Array.isArray(value)) return value ?? null;
    return value.map((item, i) => shapeLike(template[i] ?? template[0], item));
  }
  if (template !== null && typeof template === 'object') {
    const source = value !== null && typeof value === 'object' ? (value as Json) : {};
    return Object.fromEntries(Object.keys(template).map((key) => [key, shapeLike((template as Json)[key], source[key])]));
  }
  return value === undefined ? null : value;
}
