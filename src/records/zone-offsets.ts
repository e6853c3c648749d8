import { luxon } from '../luxon.js';

// A zone's UTC offsets, learnt a stretch of time at a time. luxon asks Intl
// for each offset, which costs microseconds; a million local times would ask
// millions of times. Instead, each stretch of BUCKET_DAYS is sampled once a
// day and every change found between two samples is pinned to the second by
// bisection, so later lookups are a search in a handful of numbers. Exact as
// long as a zone's offset does not change twice within one day, which no
// time-zone rule does.

const DAY_MS = 86_400_000;
const BUCKET_DAYS = 128;
const BUCKET_MS = BUCKET_DAYS * DAY_MS;
/** Stretches kept (each a few numbers); beyond, everything is forgotten and learnt again. */
const MAX_BUCKETS = 20_000;

/** A zone's offsets over one stretch: `offsets[0]` from its start, `offsets[i + 1]` from `changes[i]`. */
interface Stretch {
  readonly changes: readonly number[];
  readonly offsets: readonly number[];
}

const zones = new Map<string, Map<number, Stretch>>();
let buckets = 0;

/** The UTC offset of IANA zone `zoneName` at `ms`, in minutes (as luxon gives it). */
export function zoneOffset(zoneName: string, ms: number): number {
  let stretches = zones.get(zoneName);
  if (stretches === undefined) zones.set(zoneName, (stretches = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  let stretch = stretches.get(bucket);
  if (stretch === undefined) {
    if (buckets >= MAX_BUCKETS) {
      zones.clear();
      buckets = 0;
      zones.set(zoneName, (stretches = new Map()));
    }
    stretches.set(bucket, (stretch = learn(zoneName, bucket * BUCKET_MS)));
    buckets++;
  }
  const { changes, offsets } = stretch;
  let index = 0;
  while (index < changes.length && changes[index]! <= ms) index++;
  return offsets[index]!;
}

function learn(zoneName: string, start: number): Stretch {
  const zone = luxon().IANAZone.create(zoneName);
  const changes: number[] = [];
  const offsets = [zone.offset(start)];
  let previous = offsets[0]!;
  for (let day = 1; day <= BUCKET_DAYS; day++) {
    const at = start + day * DAY_MS;
    const offset = zone.offset(at);
    if (offset === previous) continue;
    // Intl answers per second: find the first second with the new offset.
    let low = Math.floor((at - DAY_MS) / 1000);
    let high = Math.floor(at / 1000);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (zone.offset(middle * 1000) === previous) low = middle;
      else high = middle;
    }
    // A change at the stretch's very end belongs to the next one too; listing it here is harmless.
    changes.push(high * 1000);
    offsets.push(offset);
    previous = offset;
  }
  return { changes, offsets };
}
