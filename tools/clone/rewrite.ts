import { isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import type { CloneValues } from './fields';

/** The rewritten environment file and what a person should know about it. */
export interface RewriteResult {
  readonly text: string;
  /** Things the clone changed or left for a person to decide, one line each. */
  readonly notes: string[];
}

/** Sets a scalar in place (keeping its comments and quoting) or creates it. */
function setScalar(doc: Document, path: readonly string[], value: string): void {
  const node = doc.getIn(path, true);
  if (isScalar(node)) node.value = value;
  else doc.setIn(path, value);
}

/**
 * Rewrites the text of environment `from` into environment `to`: the values that must differ are replaced,
 * environment-specific values that another stack provides are removed, and every comment and key order is kept
 * (yaml's Document API edits nodes in place).
 */
export function rewriteEnvironment(text: string, from: string, to: string, values: CloneValues): RewriteResult {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`${from}.yaml is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const notes: string[] = [];
  const has = (...path: string[]) => doc.hasIn(path);

  setScalar(doc, ['name'], to);
  setScalar(doc, ['description'], values.description || `The ${to} environment, cloned from ${from}.`);
  setScalar(doc, ['okta', 'orgName'], values.orgName!);
  setScalar(doc, ['okta', 'baseUrl'], values.baseUrl!);
  setScalar(doc, ['aws', 'accountId'], values.awsAccount!);
  setScalar(doc, ['aws', 'region'], values.region!);

  const backend: Record<string, string> = { type: 's3', bucket: values.backendBucket!, region: values.backendRegion || values.region! };
  if (values.backendKeyPrefix) backend.keyPrefix = values.backendKeyPrefix;
  if (values.backendLockTable) backend.dynamodbTable = values.backendLockTable;
  doc.setIn(['backend'], doc.createNode(backend));
  notes.push(
    `state: s3://${backend.bucket}/${values.backendKeyPrefix || 'identity-lifecycle'}/<stack>-${to}.tfstate (encrypted, ${values.backendLockTable ? `locked by ${values.backendLockTable}` : 'S3 lock files'})`,
  );

  if (has('bridge', 'serviceNowInstanceUrl')) setScalar(doc, ['bridge', 'serviceNowInstanceUrl'], values.servicenowInstance!);
  if (has('servicenow', 'instanceUrl')) setScalar(doc, ['servicenow', 'instanceUrl'], values.servicenowInstance!);
  if (has('privilegedAccess')) {
    setScalar(doc, ['privilegedAccess', 'team'], values.pamTeam!);
    setScalar(doc, ['privilegedAccess', 'apiHost'], values.pamApiHost || `https://${values.orgName}.pam.${values.baseUrl}`);
    if (has('privilegedAccess', 'activeDirectory'))
      notes.push(`privilegedAccess.activeDirectory kept from ${from}: check that domain and service account exist for ${to}`);
    if (has('privilegedAccess', 'adAccounts'))
      notes.push(
        `privilegedAccess.adAccounts kept from ${from}: check that the OUs exist and that the Okta AD agent connection for the domain is set up in ${to}`,
      );
    if (has('privilegedAccess', 'gateway', 'name'))
      notes.push(`privilegedAccess.gateway.name kept from ${from}: enroll a gateway of that name in the ${to} team, or change it`);
  }
  if (values.alarmEmail && has('bridge', 'alarms', 'email')) setScalar(doc, ['bridge', 'alarms', 'email'], values.alarmEmail);

  if (has('identity', 'eventHook', 'url')) {
    doc.deleteIn(['identity', 'eventHook', 'url']);
    notes.push(`identity.eventHook.url removed: the ${to} bridge stack provides its own endpoint`);
  }
  if (has('identity', 'serviceApp', 'publicKeys')) {
    notes.push(`identity.serviceApp.publicKeys kept from ${from}: generate a key pair for the ${to} bridge and replace them before it goes live`);
  }

  // Labels that name the source environment, e.g. "JML bridge (example)".
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes(`(${from})`)) node.value = node.value.split(`(${from})`).join(`(${to})`);
    },
  });

  if (!isMap(doc.contents) || doc.contents.items.length === 0) throw new Error(`${from}.yaml does not hold a mapping at its top level`);
  // The file's opening comment belongs to the first key when no blank line follows it, else to the document.
  const first = doc.contents.items[0].key as { commentBefore?: string | null };
  const holder: { commentBefore?: string | null } = doc.commentBefore ? doc : first;
  const schemaLine = (holder.commentBefore ?? '').split('\n').filter((line) => line.includes('yaml-language-server'));
  holder.commentBefore = [
    ...schemaLine,
    ...(schemaLine.length > 0 ? [' '] : []),
    ` The ${to} environment, cloned from ${from} with \`npm run env:clone\`.`,
    ' Values that differ per environment were given to the clone command; everything else is shared by design.',
  ].join('\n');
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), notes };
}
