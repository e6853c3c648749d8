/**
 * A record scanned from its NDJSON line (the check command's fast path) gets
 * the verdict the same line parsed by JSON.parse gets, in every language,
 * with and without an instant to check at: the scanner and RecordReader's
 * readScanned leave nothing out that read() sees.
 */
import { describe, expect, it } from 'vitest';
import { createChecker, createScanningChecker } from '../../src/engine/checker.js';
import { scanRecord } from '../../src/records/formats/scan-record.js';
import { otherLines, plainRecords } from '../helpers/ndjson-corpus.js';
import { frenchPolicy } from '../helpers/policies.js';

describe('checkScanned', () => {
  it('gives every scanned record the verdict check gives it parsed', async () => {
    const policy = await frenchPolicy();
    // Two checkers, so that neither's remembered outcomes help the other.
    const scanning = createScanningChecker(policy, { outcomeCacheSize: 50 });
    const parsing = createScanningChecker(policy, { outcomeCacheSize: 50 });
    const lines = [...plainRecords().map((record) => JSON.stringify(record)), ...otherLines()];
    let scanned = 0;
    for (const options of [{ lang: 'en' }, { lang: 'fr' }, { lang: 'en', at: '2017-05-06T21:00:00+02:00' }, { lang: 'de' }]) {
      for (const line of lines) {
        const bytes = Buffer.from(line);
        const record = scanRecord(bytes, 0, bytes.length);
        if (record === undefined) continue;
        scanned++;
        expect(scanning.checkScanned(record, options)).toEqual(parsing.check(JSON.parse(line), options));
      }
    }
    expect(scanned).toBeGreaterThan(2000);
  });

  it('reads the title and body of a scanned record only when a detector could apply', async () => {
    const policy = await frenchPolicy();
    const checker = createScanningChecker(policy);
    const line = Buffer.from(JSON.stringify({ id: 'a', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['news'], title: 'sondage', body: 'x' }));
    let reads = 0;
    const record = scanRecord(line, 0, line.length)!;
    const title = record.title.bind(record);
    record.title = () => (reads++, title());
    // Saturday, inside the silence: the poll detector applies to a news record.
    expect(checker.checkScanned(record).status).toBe('review');
    expect(reads).toBe(1);
    const quiet = scanRecord(Buffer.from(line.toString().replace('2017-05-06', '2018-05-06')), 0, line.length)!;
    quiet.title = () => (reads++, title());
    expect(checker.checkScanned(quiet).status).toBe('allowed');
    expect(reads).toBe(1);
  });

  it('shares one outcome between records that the same windows reach alike, in any timeline segment', async () => {
    const policy = await frenchPolicy();
    const checker = createChecker(policy, { outcomeCacheSize: 10 });
    const saturday = { id: 'a', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'] };
    const sunday = { ...saturday, id: 'b', publishedAt: '2017-05-07T10:00:00+02:00' };
    const segment = (at: string) => policy.timeline.segmentAt(Date.parse(at));
    expect(segment(saturday.publishedAt)).not.toBe(segment(sunday.publishedAt));
    const first = checker.check(saturday);
    const second = checker.check(sunday);
    expect(first.status).toBe('blocked');
    expect(second.violations).toBe(first.violations);
    expect(second.detections).toBe(first.detections);
    // Other windows, or the same reached another way, are another outcome.
    const guadeloupe = checker.check({ ...saturday, id: 'c', audience: ['GP'] });
    expect(guadeloupe.violations).not.toEqual(first.violations);
    const detected = checker.check({ ...saturday, id: 'd', categories: ['news'], title: 'Un sondage' });
    expect(detected.violations).not.toBe(first.violations);
    expect(detected.violations[0]?.detected).not.toBeNull();
  });
});

