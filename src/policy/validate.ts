import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { PolicyIssue } from '../errors.js';
import type { PolicyDocument } from './document.generated.js';
import schema from './schema/policy.schema.json' with { type: 'json' };
import { fileIssue, issueAtPath, type PathSegment, type SourceFile } from './source-file.js';
import { editDistance } from '../records/near-miss.js';
import { guillemets, notAValidName, type IssueText } from './issue-text.js';
import { keywordMessage, mergeMessages, type SchemaMessage } from './schema-messages.js';

/** The policy JSON Schema, as shipped in `blackout/schema.json`. */
export const policySchema: Readonly<Record<string, unknown>> = schema;

/** The anchor kinds, as the schema lists them. */
const ANCHOR_KINDS: readonly string[] = schema.definitions.anchor.properties.kind.enum;

let validator: ValidateFunction<PolicyDocument> | undefined;

/** One ajv instance, compiled on first use and shared. */
function getValidator(): ValidateFunction<PolicyDocument> {
  // verbose: an error carries the schema it failed, whose keys a misspelt one is matched against.
  validator ??= new Ajv({ allErrors: true, discriminator: true, strict: true, allowUnionTypes: true, verbose: true }).compile<PolicyDocument>(schema);
  return validator;
}

/** Checks a parsed file against the schema; every problem is located in the file. */
export function validateDocument(file: SourceFile): { document?: PolicyDocument; issues: PolicyIssue[] } {
  const validate = getValidator();
  if (validate(file.data)) return { document: file.data, issues: [] };
  if (file.data === null || file.data === undefined) {
    return { issues: [issueAtPath(file, [], 'schema', { en: 'the file holds no policy: the document is empty', fr: 'le fichier ne contient aucune politique : le document est vide' })] };
  }
  return { issues: toIssues(file, validate.errors ?? []) };
}

/** A file with hundreds of shape errors is wrong in a few ways, many times: the first ones are enough. */
const MAX_SCHEMA_ISSUES = 100;

/** Ajv errors as located issues, one per place; shared with the test-suite schema. */
export function toIssues(file: SourceFile, errors: readonly ErrorObject[]): PolicyIssue[] {
  // A failed oneOf also reports each branch's own errors; those say more, so the oneOf line goes.
  // The branch of the wrong type says only "must be string"; the branch of the right type says what is wrong.
  const isUnion = (error: ErrorObject) => error.keyword === 'oneOf' || error.keyword === 'anyOf';
  const underBranchError = ancestorsOf(errors.filter((error) => !isUnion(error)));
  const underInformativeError = ancestorsOf(errors.filter((error) => !isUnion(error) && error.keyword !== 'type'));
  const byPlace = new Map<string, { path: PathSegment[]; at: 'key' | 'value'; messages: SchemaMessage[] }>();
  for (const error of errors) {
    if (isUnion(error) && underBranchError.has(error.instancePath)) continue;
    if (error.keyword === 'type' && underInformativeError.has(error.instancePath)) continue;
    const { path, at, message } = describe(file, error);
    const key = `${at}:${path.join('/')}`;
    const place = byPlace.get(key) ?? { path, at, messages: [] };
    if (!place.messages.some((known) => known.en === message.en)) place.messages.push(message);
    byPlace.set(key, place);
    if (byPlace.size > MAX_SCHEMA_ISSUES) break;
  }
  const places = [...byPlace.values()];
  // A key's problem is said of the map that holds it: "policy: unknown key 'colour'".
  const issues = places.slice(0, MAX_SCHEMA_ISSUES).map(({ path, at, messages }) => {
    const label = pathLabel(at === 'key' ? path.slice(0, -1) : path);
    const said = mergeMessages(messages);
    return issueAtPath(file, path, 'schema', { en: `${label.en}: ${said.en}`, fr: `${label.fr} : ${said.fr}` }, at);
  });
  if (places.length > MAX_SCHEMA_ISSUES) {
    issues.push(fileIssue(file.name, 'schema', { en: `more problems follow; fix these ${MAX_SCHEMA_ISSUES} first`, fr: `d’autres problèmes suivent ; corrigez d’abord ces ${MAX_SCHEMA_ISSUES}-là` }));
  }
  return issues;
}

/** Every JSON pointer that is an error's path or one of its ancestors. */
function ancestorsOf(errors: readonly ErrorObject[]): Set<string> {
  const paths = new Set<string>();
  for (const { instancePath } of errors) {
    let path = instancePath;
    while (!paths.has(path)) {
      paths.add(path);
      if (path === '') break;
      path = path.slice(0, path.lastIndexOf('/'));
    }
  }
  return paths;
}

function describe(file: SourceFile, error: ErrorObject): { path: PathSegment[]; at: 'key' | 'value'; message: SchemaMessage } {
  const path = pointerToPath(error.instancePath, file.data);
  const params = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) {
    return { path: [...path, error.propertyName], at: 'key', message: notAValidName(error.propertyName) };
  }
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const meant = nearestKey(key, error.parentSchema);
      return {
        path: [...path, key],
        at: 'key',
        message: {
          en: `unknown key '${key}'${meant === undefined ? '' : ` (did you mean '${meant}'?)`}`,
          fr: `clé inconnue ${guillemets(key)}${meant === undefined ? '' : ` (vouliez-vous dire ${guillemets(meant)} ?)`}`,
        },
      };
    }
    case 'required': {
      const key = String(params.missingProperty);
      return { path, at: 'value', message: { en: `missing required key '${key}'`, fr: `clé obligatoire manquante : ${guillemets(key)}` } };
    }
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], at: 'key', message: notAValidName(String(params.propertyName)) };
    case 'pattern': {
      const value = shown(valueAt(file.data, path));
      return { path, at: 'value', message: { en: `${value} does not have the expected form (${String(params.pattern)})`, fr: `${value} n’a pas la forme attendue (${String(params.pattern)})` } };
    }
    case 'enum': {
      const values = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { path, at: 'value', message: { en: `must be one of ${values}`, fr: `doit être l’une des valeurs ${values}` } };
    }
    case 'discriminator':
      return { path, at: 'value', message: { en: `'kind' must be one of ${ANCHOR_KINDS.join(', ')}`, fr: `${guillemets('kind')} doit être l’une des valeurs ${ANCHOR_KINDS.join(', ')}` } };
    default:
      return { path, at: 'value', message: keywordMessage(error) };
  }
}

function pointerToPath(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: PathSegment = Array.isArray(current) ? Number(segment) : segment;
    path.push(step);
    current = current === null || typeof current !== 'object' ? undefined : (current as Record<string, unknown>)[segment];
  }
  return path;
}

/** A value for a message, short, and safe on anything YAML can build. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

function pathLabel(path: readonly PathSegment[]): IssueText {
  if (path.length === 0) return { en: 'the document', fr: 'le document' };
  const label = path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
  return { en: label, fr: label };
}

/**
 * The key a misspelt one was surely meant as (`cover` for `covers`, `Zone`
 * for `zone`): one of the keys the schema it failed allows there, a case or
 * two letters away; undefined when none is (or the error carries no schema).
 */
function nearestKey(key: string, failed: unknown): string | undefined {
  const properties = failed !== null && typeof failed === 'object' ? (failed as { properties?: Record<string, unknown> }).properties : undefined;
  if (properties === undefined) return undefined;
  const known = Object.keys(properties);
  return known.find((name) => name.toLowerCase() === key.toLowerCase()) ?? known.find((name) => editDistance(name, key, 2) <= 2);
}
