import { pathToFileURL } from 'node:url';
import { lazyModule } from '../lazy-module.js';
import type { Severity } from '../policy/compiled.js';
import { localize } from '../policy/text.js';
import type { RecordSource } from '../records/source.js';
import type { FormatContext, ReportFormatter } from './format.js';
import { describeInstant, homeZone } from '../policy/window-text.js';
import { messages } from './messages.js';
import type { CheckedRecord } from './results.js';
import { recordName, STDIN } from './source-text.js';

/** The rule of records that could not be checked: not a policy rule, so namespaced. */
export const INVALID_RECORD_RULE = 'blackout/invalid-record';
const FINGERPRINT = 'blackoutRecordRule/v1';
/** Loaded with the first SARIF report: node:crypto costs a cold start of any other format 2 ms. */
const crypto = lazyModule<typeof import('node:crypto')>('node:crypto');
const LEVEL: Readonly<Record<Severity, 'error' | 'warning'>> = { block: 'error', review: 'warning' };

interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription?: { readonly text: string };
  readonly helpUri?: string;
  readonly help: { readonly text: string };
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' };
  readonly properties: Readonly<Record<string, string>>;
}

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning';
  readonly message: { readonly text: string };
  readonly locations: readonly object[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A source path as a URI reference: relative paths stay relative (to the repository root for code scanning). */
function artifactUri(file: string): string {
  const path = file.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-z]:\//i.test(path)) return pathToFileURL(file).href;
  return path.split('/').map(encodeURIComponent).join('/');
}

function locations(source: RecordSource | undefined, name: string) {
  const logical = [{ name, kind: 'object' }];
  if (source === undefined || source.file === STDIN) return [{ logicalLocations: logical }];
  const region = source.line === undefined ? {} : { region: { startLine: source.line } };
  return [{ physicalLocation: { artifactLocation: { uri: artifactUri(source.file) }, ...region }, logicalLocations: logical }];
}

/** Same record, rule, election and file, same fingerprint: never the time or the order, so runs compare. */
function fingerprint(name: string, rule: string, election: string, source: RecordSource | undefined): Record<string, string> {
  const key = JSON.stringify([name, rule, election, source?.file ?? '']);
  return { [FINGERPRINT]: crypto().createHash('sha256').update(key).digest('hex') };
}

function results(record: CheckedRecord, index: number, ruleIndex: ReadonlyMap<string, number>, ctx: FormatContext): SarifResult[] {
  const { verdict, source } = record;
  const name = recordName(verdict.id, source, index);
  const words = messages(ctx.lang);
  const where = locations(source, name);
  if (verdict.status === 'invalid') {
    const why = verdict.errors.map((error) => `${error.field}: ${error.message}`).join('; ');
    return [
      {
        ruleId: INVALID_RECORD_RULE,
        ruleIndex: ruleIndex.get(INVALID_RECORD_RULE)!,
        level: 'error',
        message: { text: `${name}: ${why || words.invalidRecord}` },
        locations: where,
        partialFingerprints: fingerprint(name, INVALID_RECORD_RULE, '', source),
        properties: { recordId: verdict.id, status: verdict.status, errors: verdict.errors },
      },
    ];
  }
  const earliest = verdict.earliestAllowedAt === null ? '' : ` (${words.mayGoOut} ${describeInstant(verdict.earliestAllowedAt, homeZone(ctx.policy), ctx.lang)})`;
  return verdict.violations.map((violation) => ({
    ruleId: violation.rule,
    ruleIndex: ruleIndex.get(violation.rule)!,
    level: LEVEL[violation.severity],
    message: { text: `${name}: ${violation.message}${violation.severity === 'block' ? earliest : ''}` },
    locations: where,
    partialFingerprints: fingerprint(name, violation.rule, violation.election, source),
    properties: {
      recordId: verdict.id,
      status: verdict.status,
      at: verdict.at,
      election: violation.election,
      regions: violation.regions,
      window: violation.window,
      localWindow: violation.localWindow,
      earliestAllowedAt: verdict.earliestAllowedAt,
      provisional: violation.provisional,
      ...(violation.detected === null ? {} : { detected: violation.detected }),
    },
  }));
}

/**
 * SARIF 2.1.0, for code scanning and security dashboards: the policy's
 * rules in tool.driver (help links to the law), one result per violation
 * and one per invalid record, each located in its file (and line when the
 * input has lines), with fingerprints that survive re-runs and reordering.
 */
export const sarif: ReportFormatter = {
  kind: 'report',
  format: (report, ctx) => {
    const { policy, lang } = ctx;
    const rules: SarifRule[] = policy.rules.map((rule) => ({
      id: rule.id,
      shortDescription: { text: localize(rule.title, lang) },
      ...(rule.note === undefined ? {} : { fullDescription: { text: localize(rule.note, lang) } }),
      ...(rule.citation.url === undefined ? {} : { helpUri: rule.citation.url }),
      help: { text: rule.citation.text },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { severity: rule.severity, citation: rule.citation.text, policy: policy.id },
    }));
    rules.push({
      id: INVALID_RECORD_RULE,
      shortDescription: { text: messages(lang).invalidRecord },
      help: { text: messages(lang).invalidRecord },
      defaultConfiguration: { level: 'error' },
      properties: { policy: policy.id },
    });
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'blackout', ...(ctx.toolVersion === undefined ? {} : { version: ctx.toolVersion, semanticVersion: ctx.toolVersion }), rules } },
          results: report.results.flatMap((record, index) => results(record, index, ruleIndex, ctx)),
          properties: { policy: { id: policy.id, version: policy.version, sha256: policy.sha256 } },
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};
