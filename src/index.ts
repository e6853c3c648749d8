/**
 * blackout: electoral-silence compliance checking.
 *
 * @example
 * import { loadPolicy, createChecker } from 'blackout';
 * const checker = createChecker(await loadPolicy('policies/fr'));
 * const verdict = checker.check({ id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] });
 * verdict.status; // 'blocked'
 * verdict.earliestAllowedAt; // '2017-05-07T18:00:00.000Z'
 */
export { loadPolicy, loadPolicySync, loadPolicyFromText } from './policy-load/load.js';
export type { TextPolicyOptions } from './policy-load/load.js';
export { policySchema } from './policy/validate.js';
export { combinePolicies } from './compile/combine.js';
export { loadDefaultPolicy, shippedPolicyPath, SHIPPED_POLICIES } from './policy-load/shipped.js';
export { createChecker } from './engine/checker.js';
export type { Checker, CheckerOptions, CheckOptions } from './engine/checker.js';
export { BlackoutError, PolicyError, UsageError, InputError, isBlackoutError, isPolicyError, formatIssue } from './errors.js';
export type { PolicyIssue, PolicyIssueCode } from './errors.js';
export type { Verdict, Violation, RecordError, Status, UtcWindow } from './engine/verdict.js';
export type { PublicationRecord, RecordAction } from './records/types.js';
export type {
  CompiledPolicy,
  CompiledWindow,
  ElectionInfo,
  RoundInfo,
  RegionInfo,
  RuleInfo,
  CategoryInfo,
  Severity,
  PublisherKind,
  ProvisionalReason,
  ProvisionalSpan,
} from './compile/compiled.js';
export type { DetectorHit } from './compile/detectors.js';
export type { PolicyDocument } from './policy/document.generated.js';
// CMS integration: publish hooks, reloading checker, decision log, sweep of scheduled items.
export { assertPublishable, nextLawfulTime } from './cms/guard.js';
export type { GuardOptions } from './cms/guard.js';
export { PublicationBlockedError, isPublicationBlockedError, PUBLICATION_BLOCKED } from './cms/publication-blocked-error.js';
export type { PublicationBlockedJson } from './cms/publication-blocked-error.js';
export type { BlockReason, BlockMessages } from './cms/block-messages.js';
export { createReloadingChecker } from './cms/reloading-checker.js';
export type { ReloadingChecker, ReloadingCheckerOptions, ReloadState } from './cms/reloading-checker.js';
export { openDecisionLog, decisionEntry } from './cms/decision-log.js';
export type { DecisionLog, DecisionLogOptions, DecisionLogState, DecisionEntry, LoggedVerdict, LoggedViolation } from './cms/decision-log.js';
export { sweep } from './cms/sweep.js';
export type { SweepOptions, SweepItem, SweepResult } from './cms/sweep.js';
export type { VerdictSource } from './cms/verdict-source.js';
export type { Lang } from './cms/lang.js';
