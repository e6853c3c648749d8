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

/**
 * The start and end of each span the numbers {@link spanNumbers} wrote hold,
 * for CompiledPolicy.provisionalBounds, once every number is checked against
 * the rules and regions restored beside them; throws on numbers that do not
 * fit. No span is made: a check makes them when first asked for ({@link restoredSpans}).
 */
export function storedSpanBounds(numbers: Int32Array, elections: readonly string[], ruleCount: number, regionCount: number): Float64Array {
  let fits = numbers.length % FIELDS === 0 && elections.every((name) => typeof name === 'string');
  const bounds = new Float64Array(fits ? (numbers.length / FIELDS) * 2 : 0);
  for (let at = 0, span = 0; fits && at < numbers.length; at += FIELDS, span += 2) {
    bounds[span] = numbers[at + 4]! * HIGH + (numbers[at + 5]! >>> 0);
    bounds[span + 1] = numbers[at + 6]! * HIGH + (numbers[at + 7]! >>> 0);
    fits =
      within(numbers[at]!, ruleCount) &&
      within(numbers[at + 1]!, elections.length) &&
      within(numbers[at + 2]!, regionCount) &&
      within(numbers[at + 3]!, REASONS.length) &&
      bounds[span]! < bounds[span + 1]!;
  }
  if (!fits) throw new Error('the stored provisional spans do not fit the policy');
  return bounds;
}

function within(index: number, count: number): boolean {
  return index >= 0 && index < count;
}

/** The spans of numbers {@link storedSpanBounds} found to fit these rules, with the bounds it gave. */
export function restoredSpans(numbers: Int32Array, bounds: Float64Array, elections: readonly string[], rules: readonly RuleInfo[]): ProvisionalSpan[] {
  const spans: ProvisionalSpan[] = [];
  for (let at = 0, span = 0; at < numbers.length; at += FIELDS, span += 2) {
    spans.push({ rule: rules[numbers[at]!]!, election: elections[numbers[at + 1]!]!, region: numbers[at + 2]!, startMs: bounds[span]!, endMs: bounds[span + 1]!, reason: REASONS[numbers[at + 3]!]! });
  }
  return spans;
}

/** Milliseconds as two 32-bit integers: the signed high part and the low part. */
function ms(value: number): [number, number] {
  const high = Math.floor(value / HIGH);
  return [high, (value - high * HIGH) | 0];
}
