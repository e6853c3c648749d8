/**
 * blackout/core: the checker, the policy compiler from text and the publish
 * guard, with no `node:` module, for a browser (a Decap admin page) or any
 * runtime without a file system. Policies come as text: bundle the YAML with
 * the page, and pass the files it `extends` in `files`.
 *
 * @example
 * import { createChecker, loadPolicyFromText } from 'blackout/core';
 * import policyText from './election.yaml?raw';
 * const checker = createChecker(loadPolicyFromText(policyText, { name: 'election.yaml' }));
 * checker.check({ id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] }).status; // 'blocked'
 */
import * as Luxon from 'luxon';
import type { CompiledPolicy } from './compile/compiled.js';
import { createChecker as engineChecker, type Checker, type CheckerOptions } from './engine/checker.js';
import { provideLuxon } from './luxon.js';
import { loadPolicyFromText as compileText, type TextPolicyOptions } from './policy-load/from-text.js';

/**
 * Compiles a policy from YAML text; a file it extends must be in
 * `options.files` (nothing is read from disk). Throws a `PolicyError` listing
 * every problem, as the Node entry's `loadPolicyFromText` does.
 */
export function loadPolicyFromText(text: string, options: TextPolicyOptions = {}): CompiledPolicy {
  // Given here, not on import: a bundler may skip this module's top when only its names are used.
  provideLuxon(Luxon);
  return compileText(text, options);
}

/** A checker of a compiled policy, as the Node entry's `createChecker`. */
export function createChecker(policy: CompiledPolicy, options: CheckerOptions = {}): Checker {
  provideLuxon(Luxon);
  return engineChecker(policy, options);
}

export { assertPublishable, nextLawfulTime } from './cms/guard.js';
export type { GuardOptions } from './cms/guard.js';
export { PublicationBlockedError, isPublicationBlockedError, PUBLICATION_BLOCKED } from './cms/publication-blocked-error.js';
export type { PublicationBlockedJson } from './cms/publication-blocked-error.js';
export type { BlockReason, BlockMessages } from './cms/block-messages.js';
export type { VerdictSource } from './cms/verdict-source.js';
export type { Lang } from './cms/lang.js';
export { BlackoutError, PolicyError, UsageError, isBlackoutError, isPolicyError, formatIssue } from './errors.js';
export type { PolicyIssue, PolicyIssueCode } from './errors.js';
export type { Checker, CheckerOptions, CheckOptions } from './engine/checker.js';
export type { TextPolicyOptions } from './policy-load/from-text.js';
export type { Verdict, Violation, RecordError, Status, UtcWindow } from './engine/verdict.js';
export type { PublicationRecord, RecordAction } from './records/types.js';
export type { CompiledPolicy, ElectionInfo, RoundInfo, RegionInfo, RuleInfo, CategoryInfo, Severity, PublisherKind } from './compile/compiled.js';
export type { DetectorHit } from './compile/detectors.js';
