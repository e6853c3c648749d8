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
export { loadPolicy, loadPolicySync, loadPolicyFromText } from './policy/load.js';
export type { TextPolicyOptions } from './policy/load.js';
export { policySchema } from './policy/validate.js';
export { createChecker } from './engine/checker.js';
export type { Checker, CheckOptions } from './engine/checker.js';
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
} from './policy/compiled.js';
export type { DetectorHit } from './policy/detectors.js';
export type { PolicyDocument } from './policy/document.generated.js';
