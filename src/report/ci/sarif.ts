import { pathToFileURL } from 'node:url';
import { lazyModule } from '../../lazy-module.js';
import type { CompiledPolicy, RuleInfo, Severity } from '../../compile/compiled.js';
import { localize } from '../../policy/text.js';
import type { ErrorItem, SkippedItem } from '../../records/input-item.js';
import type { RecordSource } from '../../records/source.js';
import type { FormatContext, Lang, StreamFormatter } from '../format.js';
import { describeInstant, recordZone } from '../../compile/window-text.js';
import { NO_INPUT_NOTES, type InputNotes } from '../inputs.js';
import { messages } from '../messages.js';
import type { CheckedRecord } from '../results.js';
import { placeLabel, recordName, STDIN } from '../source-text.js';
import { markdownLink, markdownText } from './markdown.js';
import { ciWords } from './messages.js';

/** blackout's home page, the SARIF driver's informationUri; package.json's homepage says the same (a test holds them together). */
export const PROJECT_URL = 'https://blackout.dev';

/** The rule of records that could not be checked: not a policy rule, so namespaced. */
export const INVALID_RECORD_RULE = 'blackout/invalid-record';
/** The notification descriptors of the run's input problems and skipped items, in tool.driver.notifications. */
export const INPUT_PROBLEM_NOTIFICATION = 'blackout/input-problem';
export const SKIPPED_NOTIFICATION = 'blackout/skipped';
const FINGERPRINT = 'blackoutRecordRule/v1';
/** Loaded with the first SARIF report: node:crypto costs a cold start of any other format 2 ms. */
const crypto = lazyModule<typeof import('node:crypto')>('node:crypto');
const LEVEL: Readonly<Record<Severity, 'error' | 'warning'>> = { block: 'error', review: 'warning' };

interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly helpUri?: string;
  readonly help: { readonly text: string; readonly markdown: string };
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

/** A file and, when known, the line and column in it; undefined for standard input, which is no artifact. */
function physicalLocation(source: RecordSource) {
  if (source.file === STDIN) return undefined;
  if (source.line === undefined) return { artifactLocation: { uri: artifactUri(source.file) } };
  const region = source.column === undefined ? { startLine: source.line } : { startLine: source.line, startColumn: source.column };
  return { artifactLocation: { uri: artifactUri(source.file) }, region };
}

function locations(source: RecordSource | undefined, name: string) {
  const logical = [{ name, kind: 'object' }];
  const physical = source && physicalLocation(source);
  return physical === undefined ? [{ logicalLocations: logical }] : [{ physicalLocation: physical, logicalLocations: logical }];
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
  const earliest = verdict.earliestAllowedAt === null ? '' : ` (${words.mayGoOut} ${describeInstant(verdict.earliestAllowedAt, ctx.displayZone ?? recordZone(ctx.policy, record.record), ctx.lang)})`;
  return verdict.violations.map((violation) => ({
    ruleId: violation.rule,
    ruleIndex: ruleIndex.get(violation.rule)!,
    // With --fail-on review a review finding fails the run: an error, as in junit and github.
    level: ctx.failOn === 'review' ? 'error' : LEVEL[violation.severity],
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

/** The policy's rules as SARIF rules, and each one's index: made once per policy and language. */
const ruleTables = new WeakMap<CompiledPolicy, Map<Lang, { readonly rules: readonly SarifRule[]; readonly index: ReadonlyMap<string, number> }>>();

function ruleTable(policy: CompiledPolicy, lang: Lang) {
  let byLang = ruleTables.get(policy);
  if (byLang === undefined) ruleTables.set(policy, (byLang = new Map()));
  let table = byLang.get(lang);
  if (table === undefined) {
    const rules: SarifRule[] = policy.rules.map((rule) => ({
      id: rule.id,
      shortDescription: { text: localize(rule.title, lang) },
      fullDescription: { text: ruleDescription(rule, lang) },
      ...(rule.citation.url === undefined ? {} : { helpUri: rule.citation.url }),
      help: ruleHelp(rule, policy, lang),
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { severity: rule.severity, citation: rule.citation.text, policy: policy.id },
    }));
    const words = ciWords(lang);
    rules.push({
      id: INVALID_RECORD_RULE,
      shortDescription: { text: messages(lang).invalidRecord },
      fullDescription: { text: words.invalidRecordFull },
      help: { text: words.invalidRecordHelp, markdown: markdownText(words.invalidRecordHelp) },
      defaultConfiguration: { level: 'error' },
      properties: { policy: policy.id },
    });
    table = { rules, index: new Map(rules.map((rule, index) => [rule.id, index])) };
    byLang.set(lang, table);
  }
  return table;
}

/** What the rule forbids and on what ground: its title and citation, then its note (the reading and its sources). */
function ruleDescription(rule: RuleInfo, lang: Lang): string {
  const note = localize(rule.note, lang);
  return `${localize(rule.title, lang)} (${rule.citation.text}).${note === '' ? '' : ` ${note}`}`;
}

/**
 * What to do about a finding, and the law behind it: the citation (linked
 * in Markdown), the categories covered, the penalty, the note and the
 * sources. Policy text is escaped: a policy file is input too.
 */
function ruleHelp(rule: RuleInfo, policy: CompiledPolicy, lang: Lang): { readonly text: string; readonly markdown: string } {
  const words = ciWords(lang);
  const title = localize(rule.title, lang);
  const covers = rule.categories.map((index) => policy.categories[index]?.name).filter((name) => name !== undefined);
  const penalty = localize(rule.penalty, lang);
  const note = localize(rule.note, lang);
  const sources = rule.sources ?? [];
  const colon = messages(lang).colon;
  const text = [
    `${title} (${rule.citation.text}${rule.citation.url === undefined ? '' : `, ${rule.citation.url}`}).`,
    words.whatToDo[rule.severity],
    ...(covers.length === 0 ? [] : [`${words.covers}${colon} ${covers.join(', ')}.`]),
    ...(penalty === '' ? [] : [`${words.penalty}${colon} ${penalty}.`]),
    ...(note === '' ? [] : [`${words.note}${colon} ${note}`]),
    ...(sources.length === 0 ? [] : [`${words.sources}${colon} ${sources.map((source) => `${source.title} (${source.url})`).join('; ')}.`]),
  ];
  const markdown = [
    `**${markdownText(title)}** (${markdownLink(rule.citation.text, rule.citation.url)})`,
    markdownText(words.whatToDo[rule.severity]),
    ...(covers.length === 0 ? [] : [`**${markdownText(words.covers)}**${markdownText(colon)} ${covers.map(markdownText).join(', ')}`]),
    ...(penalty === '' ? [] : [`**${markdownText(words.penalty)}**${markdownText(colon)} ${markdownText(penalty)}`]),
    ...(note === '' ? [] : [`**${markdownText(words.note)}**${markdownText(colon)} ${markdownText(note)}`]),
    ...(sources.length === 0 ? [] : [`**${markdownText(words.sources)}**${markdownText(colon)}\n\n${sources.map((source) => `- ${markdownLink(source.title, source.url)}`).join('\n')}`]),
  ];
  return { text: text.join('\n\n'), markdown: markdown.join('\n\n') };
}

/** What the run's notifications are about: input not read (an error), input knowingly not checked (a note). */
function notificationDescriptors(lang: Lang) {
  const words = messages(lang).inputs;
  const descriptor = (id: string, name: string, rule: typeof words.problemRule, level: 'error' | 'note') => ({
    id,
    name,
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: { text: rule.help },
    defaultConfiguration: { level },
  });
  return [descriptor(INPUT_PROBLEM_NOTIFICATION, 'InputNotRead', words.problemRule, 'error'), descriptor(SKIPPED_NOTIFICATION, 'InputSkipped', words.skippedRule, 'note')];
}
const PROBLEM_DESCRIPTOR = { id: INPUT_PROBLEM_NOTIFICATION, index: 0 };
const SKIPPED_DESCRIPTOR = { id: SKIPPED_NOTIFICATION, index: 1 };

function problemNotification({ source, message, fatal }: ErrorItem) {
  const physical = physicalLocation(source);
  return {
    descriptor: PROBLEM_DESCRIPTOR,
    level: 'error',
    message: { text: `${placeLabel(source)}: ${message}` },
    ...(physical === undefined ? {} : { locations: [{ physicalLocation: physical }] }),
    properties: { fatal: fatal === true },
  };
}

function skippedNotification({ source, message, reason }: SkippedItem) {
  const physical = physicalLocation(source);
  return {
    descriptor: SKIPPED_DESCRIPTOR,
    level: 'note',
    message: { text: `${placeLabel(source)}: ${message}` },
    ...(physical === undefined ? {} : { locations: [{ physicalLocation: physical }] }),
    properties: { reason },
  };
}

/**
 * The run's invocation: not successful when any input was not read, with a
 * notification per input problem (level error) and per skipped item (level
 * note: a draft is a fact about the run, not a finding, so it is no result
 * that code scanning would raise as an alert), and one for each list's rest.
 */
function invocation(inputs: InputNotes, lang: Lang) {
  const words = messages(lang).inputs;
  const notifications: object[] = inputs.problems.map(problemNotification);
  const moreProblems = inputs.problemCount - inputs.problems.length;
  if (moreProblems > 0) notifications.push({ descriptor: PROBLEM_DESCRIPTOR, level: 'error', message: { text: words.problemsNotListed(moreProblems) }, properties: { notListed: moreProblems } });
  notifications.push(...inputs.skipped.map(skippedNotification));
  const moreSkipped = inputs.skippedCount - inputs.skipped.length;
  if (moreSkipped > 0) notifications.push({ descriptor: SKIPPED_DESCRIPTOR, level: 'note', message: { text: words.skippedNotListed(moreSkipped) }, properties: { notListed: moreSkipped } });
  return {
    executionSuccessful: inputs.problemCount === 0,
    toolExecutionNotifications: notifications,
    properties: { inputProblems: inputs.problemCount, skipped: inputs.skippedCount },
  };
}

/** Pretty JSON of a value that sits `indent` deep in the log. */
function nested(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

const RESULT_INDENT = '        ';

/**
 * SARIF 2.1.0, for code scanning and security dashboards: the policy's
 * rules in tool.driver (help links to the law), one result per violation
 * and one per invalid record, each located in its file (and line and column),
 * with fingerprints that survive re-runs and reordering; the invocation says
 * whether every input was read, with a notification per input problem and
 * skipped item. Streamed: the rules open the log, each record's results are
 * one line each as it comes, and the invocation closes it.
 */
export const sarif: StreamFormatter = {
  kind: 'stream',
  separator: ',\n',
  start: (ctx) => {
    const { rules } = ruleTable(ctx.policy, ctx.lang);
    const version = ctx.toolVersion === undefined ? {} : { version: ctx.toolVersion, semanticVersion: ctx.toolVersion };
    const fullName = ctx.toolVersion === undefined ? 'blackout' : `blackout ${ctx.toolVersion}`;
    const driver = { name: 'blackout', fullName, ...version, informationUri: PROJECT_URL, rules, notifications: notificationDescriptors(ctx.lang) };
    return `{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "tool": ${nested({ driver }, '      ')},\n      "results": [\n`;
  },
  result: (record, index, ctx) => {
    const { index: ruleIndex } = ruleTable(ctx.policy, ctx.lang);
    let out = '';
    for (const result of results(record, index, ruleIndex, ctx)) out += `${out === '' ? '' : ',\n'}${RESULT_INDENT}${JSON.stringify(result)}`;
    return out;
  },
  end: (_summary, ctx, inputs = NO_INPUT_NOTES) => {
    const { policy } = ctx;
    const properties = { policy: { id: policy.id, version: policy.version, sha256: policy.sha256 } };
    return `\n      ],\n      "invocations": ${nested([invocation(inputs, ctx.lang)], '      ')},\n      "properties": ${nested(properties, '      ')}\n    }\n  ]\n}\n`;
  },
};
