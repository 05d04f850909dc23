import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeValue, encodeValue } from './cty-msgpack';
import { fromDynamic, toDynamic } from './dynamic';
import { deterministicValue, digest, emptyObject, fillComputed, markComputedUnknown } from './planned-values';
import { toProtoSchema } from './proto-schema';
import { dataSourceAnswer, driftOf, type RemoteObjects } from './remote-objects';
import type { ProviderSchema, SchemaBlock, TypeSchema } from './schema-types';

/**
 * The tfplugin6 Provider service of the stand-in: serves one provider's schema and behaves like a remote API that
 * stores exactly what it is asked to. Validation RPCs add no checks of their own, as a provider without
 * validators would: Terraform core still checks names, types, required arguments, blocks and references.
 */

type Call = grpc.ServerUnaryCall<Record<string, any>, unknown>;
type Callback = grpc.sendUnaryData<unknown>;

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };

export function loadServices(): { provider: grpc.ServiceDefinition; controller: grpc.ServiceDefinition } {
  const definition = protoLoader.loadSync([join(__dirname, 'proto', 'tfplugin6.proto'), join(__dirname, 'proto', 'grpc-controller.proto')], LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(definition) as any;
  return { provider: loaded.tfplugin6.Provider.service, controller: loaded.plugin.GRPCController.service };
}

/**
 * Private data passed back only when there is some: an empty bytes field on the wire reaches Terraform as an empty
 * (not nil) slice, which Terraform's state comparison counts as a change, so a refresh-only plan would exit 2.
 */
function privateOf(bytes: Buffer | undefined): { private?: Buffer } {
  return bytes && bytes.length > 0 ? { private: bytes } : {};
}

function error(summary: string, detail = ''): object {
  return { severity: 'ERROR', summary, detail };
}

/** TF_STANDIN_RPC_LOG names a file that gets one line per RPC Terraform makes (which calls a version uses). */
function unary(name: string, handler: (request: Record<string, any>) => object): grpc.handleUnaryCall<Record<string, any>, unknown> {
  return (call: Call, callback: Callback) => {
    if (process.env.TF_STANDIN_RPC_LOG) appendFileSync(process.env.TF_STANDIN_RPC_LOG, `${name} ${call.request.type_name ?? ''}\n`);
    try {
      callback(null, handler(call.request));
    } catch (failure) {
      const message = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
      process.stderr.write(`[stand-in] ${message}\n`);
      callback(null, { diagnostics: [error('Stand-in provider failed', message)] });
    }
  };
}

export function providerImplementation(schema: ProviderSchema, remote: RemoteObjects): grpc.UntypedServiceImplementation {
  const resources = schema.resource_schemas ?? {};
  const dataSources = schema.data_source_schemas ?? {};
  const ephemeral = schema.ephemeral_resource_schemas ?? {};
  const resourceSchema = (type: string): TypeSchema => {
    const found = resources[type];
    if (!found) throw new Error(`resource type ${type} is not in the snapshot`);
    return found;
  };
  const noDiagnostics = () => ({ diagnostics: [] });

  return {
    GetMetadata: unary('GetMetadata', () => ({
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
      diagnostics: [],
      resources: Object.keys(resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(dataSources).map((type_name) => ({ type_name })),
    })),
    GetProviderSchema: unary('GetProviderSchema', () => ({
      provider: toProtoSchema(schema.provider),
      resource_schemas: Object.fromEntries(Object.entries(resources).map(([type, s]) => [type, toProtoSchema(s)])),
      data_source_schemas: Object.fromEntries(Object.entries(dataSources).map(([type, s]) => [type, toProtoSchema(s)])),
      ephemeral_resource_schemas: Object.fromEntries(Object.entries(ephemeral).map(([type, s]) => [type, toProtoSchema(s)])),
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
      diagnostics: [],
    })),
    ValidateProviderConfig: unary('ValidateProviderConfig', noDiagnostics),
    ValidateResourceConfig: unary('ValidateResourceConfig', noDiagnostics),
    ValidateDataResourceConfig: unary('ValidateDataResourceConfig', noDiagnostics),
    ValidateEphemeralResourceConfig: unary('ValidateEphemeralResourceConfig', noDiagnostics),
    ConfigureProvider: unary('ConfigureProvider', noDiagnostics),
    GetFunctions: unary('GetFunctions', noDiagnostics),
    StopProvider: unary('StopProvider', () => ({ Error: '' })),

    // State written by this stand-in is already in the current schema: hand the JSON back for Terraform to decode.
    UpgradeResourceState: unary('UpgradeResourceState', (request) => ({
      upgraded_state: { json: request.raw_state?.json ?? Buffer.from('null') },
      diagnostics: [],
    })),

    // A remote object is what was last applied, plus any out-of-band change the rehearsal injects as drift.
    ReadResource: unary('ReadResource', (request) => {
      const state = decodeValue(request.current_state?.msgpack) as Record<string, unknown> | null;
      const drifted = state ? { ...state, ...driftOf(remote, request.type_name, state.id) } : state;
      return { new_state: { msgpack: encodeValue(drifted) }, ...privateOf(request.private), diagnostics: [] };
    }),

    PlanResourceChange: unary('PlanResourceChange', (request) => {
      const block = resourceSchema(request.type_name).block;
      const proposed = decodeValue(request.proposed_new_state?.msgpack);
      if (proposed === null) return { planned_state: { msgpack: encodeValue(null) }, diagnostics: [] };
      const planned = { msgpack: encodeValue(markComputedUnknown(block, proposed)) };
      return { planned_state: planned, ...(privateOf(request.prior_private).private ? { planned_private: request.prior_private } : {}), diagnostics: [] };
    }),

    ApplyResourceChange: unary('ApplyResourceChange', (request) => {
      const block = resourceSchema(request.type_name).block;
      const planned = decodeValue(request.planned_state?.msgpack);
      if (planned === null) return { new_state: { msgpack: encodeValue(null) }, diagnostics: [] };
      const prior = decodeValue(request.prior_state?.msgpack);
      // Values are seeded by what was created, so an update keeps the ids it had.
      const seed = `${request.type_name}:${digest(prior ?? decodeValue(request.config?.msgpack))}`;
      return { new_state: { msgpack: encodeValue(fillComputed(block, planned, seed)) }, ...privateOf(request.planned_private), diagnostics: [] };
    }),

    ImportResourceState: unary('ImportResourceState', (request) => {
      const block = resourceSchema(request.type_name).block;
      const state = emptyObject(block, 'id' in (block.attributes ?? {}) ? { id: request.id } : {});
      return {
        imported_resources: [{ type_name: request.type_name, state: { msgpack: encodeValue(state) } }],
        diagnostics: [],
      };
    }),

    ReadDataSource: unary('ReadDataSource', (request) => {
      const found = dataSources[request.type_name];
      if (!found) return { diagnostics: [error(`data source ${request.type_name} is not in the snapshot`)] };
      const config = (decodeValue(request.config?.msgpack) ?? {}) as Record<string, unknown>;
      const answered = normalise(found.block, { ...config, ...dataSourceAnswer(remote, request.type_name, config) });
      const seed = `data.${request.type_name}:${digest(config)}`;
      const state = fillComputed(found.block, answered, seed) as Record<string, unknown>;
      // SDKv2 data sources always set their id (d.SetId), even where the schema declares it optional only.
      if (found.block.attributes?.id && state.id === null) state.id = deterministicValue('string', 'id', `${seed}.id`);
      return { state: { msgpack: encodeValue(state) }, diagnostics: [] };
    }),

    // An ephemeral resource (a token, say) is opened like a data source is read; nothing of it reaches state.
    OpenEphemeralResource: unary('OpenEphemeralResource', (request) => {
      const found = ephemeral[request.type_name];
      if (!found) return { diagnostics: [error(`ephemeral resource ${request.type_name} is not in the snapshot`)] };
      const config = (decodeValue(request.config?.msgpack) ?? {}) as Record<string, unknown>;
      const answered = normalise(found.block, { ...config, ...dataSourceAnswer(remote, request.type_name, config, 'ephemeralResources') });
      const result = fillComputed(found.block, answered, `ephemeral.${request.type_name}:${digest(config)}`);
      return { result: { msgpack: encodeValue(result) }, diagnostics: [] };
    }),
    RenewEphemeralResource: unary('RenewEphemeralResource', noDiagnostics),
    CloseEphemeralResource: unary('CloseEphemeralResource', noDiagnostics),
  };
}

/** Puts plain-JSON answers into wire form: dynamic values typed, object elements with every attribute. */
function normalise(block: SchemaBlock, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const type = attribute.type;
    if (type === 'dynamic' && out[name] !== undefined && !fromDynamic(out[name])) out[name] = toDynamic(out[name]);
    if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set') && Array.isArray(type[1]) && type[1][0] === 'object' && Array.isArray(out[name])) {
      const objectType = type[1][1] as Record<string, unknown>;
      out[name] = (out[name] as Record<string, unknown>[]).map((element) =>
        Object.fromEntries(Object.keys(objectType).map((key) => [key, element[key] ?? null])),
      );
    }
  }
  return out;
}
