import type { ProvisionalReason, ProvisionalSpan, RuleInfo } from '../compile/compiled.js';

// A policy's provisional spans as 32-bit integers, FIELDS each: rule, election
// (an index in a list of names), region, reason, then start and end in
// milliseconds as two integers each (high and low 32 bits). Some 700 spans
// for the French policy: as JSON objects they were a third of what a restore parsed.

const FIELDS = 8;
const REASONS: readonly ProvisionalReason[] = ['no-decree', 'inferred'];
const HIGH = 2 ** 32;

/** The spans' numbers, and the names of their elections. */
export function spanNumbers(spans: readonly ProvisionalSpan[]): { readonly numbers: Int32Array; readonly elections: readonly string[] } {
  const elections = [...new Set(spans.map((span) => span.election))];
  const electionIndex = new Map(elections.map((name, index) => [name, index]));
  const numbers = new Int32Array(spans.length * FIELDS);
  spans.forEach((span, index) => {
    numbers.set(
      [span.rule.index, electionIndex.get(span.election)!, span.region, REASONS.indexOf(span.reason), ...ms(span.startMs), ...ms(span.endMs)],
      index * FIELDS,
    );
  });
  return { numbers, elections };
}

/** The spans {@link spanNumbers} wrote, for the rules and regions restored beside them; throws on numbers that do not fit. */
export function restoredSpans(numbers: Int32Array, elections: readonly string[], rules: readonly RuleInfo[], regionCount: number): ProvisionalSpan[] {
  if (numbers.length % FIELDS !== 0 || !elections.every((name) => typeof name === 'string')) throw new Error('the stored provisional spans do not fit the policy');
  const spans: ProvisionalSpan[] = [];
  for (let at = 0; at < numbers.length; at += FIELDS) {
    const rule = rules[numbers[at]!];
    const election = elections[numbers[at + 1]!];
    const region = numbers[at + 2]!;
    const reason = REASONS[numbers[at + 3]!];
    const startMs = numbers[at + 4]! * HIGH + (numbers[at + 5]! >>> 0);
    const endMs = numbers[at + 6]! * HIGH + (numbers[at + 7]! >>> 0);
    if (!rule || election === undefined || !(region >= 0 && region < regionCount) || !reason || !(startMs < endMs)) {
      throw new Error('the stored provisional spans do not fit the policy');
    }
    spans.push({ rule, election, region, startMs, endMs, reason });
  }
  return spans;
}

/** Milliseconds as two 32-bit integers: the signed high part and the low part. */
function ms(value: number): [number, number] {
  const high = Math.floor(value / HIGH);
  return [high, (value - high * HIGH) | 0];
}
