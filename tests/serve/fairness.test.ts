/**
 * One client's large, costly requests must not starve the others: the
 * service checks a request's records in slices and serves other requests in
 * between. The answers stay exactly what `checkAll` gives, by one policy.
 * Whether a small request is answered first is an order, not a time: the
 * large one costs a known 2 ms a record (a checker that spins), so the order
 * holds on a slow machine too.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChecker, loadPolicyFromText, type Checker, type CheckOptions } from '../../src/index.js';
import { checkInSlices } from '../../src/serve/check-slices.js';
import type { ServiceChecker } from '../../src/serve/routes.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy, syntheticPolicy } from '../helpers/policies.js';
import type { Json } from './client.js';

const record = { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'], channel: 'web' };

let checker: Checker;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});
const services: Service[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

/** A batch with repeated ids far apart, records without ids, and records that are not objects. */
function mixedBatch(): unknown[] {
  return Array.from({ length: 600 }, (_, index) => {
    if (index % 97 === 5) return 42;
    if (index % 89 === 3) return { publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] };
    return { ...record, id: `r${index % 250}`, publishedAt: `2017-05-0${1 + (index % 7)}T1${index % 10}:00:00+02:00`, categories: index % 2 ? ['poll'] : ['propaganda'] };
  });
}

async function serve(serviceChecker: ServiceChecker, sliceMs?: number): Promise<string> {
  const service = createService({ checker: serviceChecker, ...(sliceMs === undefined ? {} : { limits: { checkSliceMs: sliceMs } }) });
  services.push(service);
  return (await service.listen(0)).url;
}

const post = (url: string, body: unknown) => fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('checkInSlices', () => {
  it('gives exactly the verdicts of checkAll, a repeated id invalid however far back its first', async () => {
    const batch = mixedBatch();
    for (const options of [{}, { at: '2017-05-06T12:00:00Z', lang: 'fr' }] as CheckOptions[]) {
      // Slices of 0 ms: the loop yields before every record.
      expect(await checkInSlices(checker, batch, options, 0)).toEqual(checker.checkAll(batch, options));
    }
  });
});

describe('a service checking large requests in slices', () => {
  it('answers as checkAll does, in slices or in one', async () => {
    const batch = mixedBatch();
    const expected = JSON.parse(JSON.stringify(checker.checkAll(batch)));
    for (const sliceMs of [0, 10_000]) {
      const report = (await (await post(await serve(checker, sliceMs), batch)).json()) as Json;
      expect(report.results).toEqual(expected);
    }
  });

  it('answers a one-record request while a large, costly one is being checked', async () => {
    // 500 records at 2 ms each: a second of work for the large request.
    const slow: ServiceChecker = {
      get policy() {
        return checker.policy;
      },
      check(input: unknown, options?: CheckOptions) {
        const until = performance.now() + 2;
        while (performance.now() < until);
        return checker.check(input, options);
      },
      checkAll(inputs: Iterable<unknown>, options?: CheckOptions) {
        return [...inputs].map((input) => this.check(input, options));
      },
    };
    const url = await serve(slow);
    const finished: string[] = [];
    const large = post(url, Array.from({ length: 500 }, (_, index) => ({ ...record, id: `bulk-${index}` }))).then(async (response) => {
      await response.json();
      finished.push('large');
      return response.status;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const small = post(url, { ...record, id: 'one' }).then(async (response) => {
      const body = (await response.json()) as Json;
      finished.push('small');
      return body.results[0].status;
    });
    expect(await small).toBe('blocked');
    expect(await large).toBe(200);
    expect(finished).toEqual(['small', 'large']);
  });

  it('never mixes two policies in one answer when a reload lands between slices', async () => {
    const other = createChecker(
      loadPolicyFromText(
        syntheticPolicy({
          regions: { 'FR-MET': 'Europe/Paris' },
          elections: '  - id: e2017\n    kind: presidential\n    title: Test\n    rounds: [{ id: t2, date: 2017-05-07 }]',
          rules: '  - id: none\n    title: None\n    citation: { text: "Art. 1" }\n    severity: review\n    covers: { categories: [poll] }\n    window:\n      start: { kind: votingDay, days: -30, time: "00:00", zone: Europe/Paris }\n      end: { kind: votingDay, days: -29, time: "00:00", zone: Europe/Paris }',
        }),
      ),
    );
    let current: Checker = checker;
    let checks = 0;
    const reloading: ServiceChecker = {
      get policy() {
        return current.policy;
      },
      check(input: unknown, options?: CheckOptions) {
        // The policy changes after the 50th check of the first pass.
        if (++checks === 50) current = other;
        return current.check(input, options);
      },
      checkAll: (inputs: Iterable<unknown>, options?: CheckOptions) => current.checkAll(inputs, options),
    };
    const batch = Array.from({ length: 200 }, (_, index) => ({ ...record, id: `r${index}` }));
    const report = (await (await post(await serve(reloading, 0), batch)).json()) as Json;
    expect(report.policy.sha256).toBe(other.policy.sha256);
    expect(report.results).toEqual(JSON.parse(JSON.stringify(other.checkAll(batch))));
  });
});
