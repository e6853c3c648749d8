import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecords, newStore, prepareSearch, reloadBlocker } from '../../src/tui/session.js';
import type { InputProblem } from '../../src/tui/model/store.js';
import { filterIndices } from '../../src/tui/model/filter.js';
import { initialState } from '../../src/tui/model/state.js';
import { frenchChecker, syntheticStore } from './helpers.js';

const SATURDAY = Date.parse('2017-05-06T10:00:00+02:00');
const post = (id: string, extra: object = {}) => ({ id, publishedAt: '2017-05-06T09:00:00+02:00', categories: ['propaganda'], channel: 'web', title: `Title of ${id}`, ...extra });

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'blackout-tui-load-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

async function load(files: readonly string[], options: { onBatch?: () => void; lang?: 'en' | 'fr' } = {}) {
  const checker = await frenchChecker();
  const store = newStore(checker, options.lang ?? 'en');
  const completed = await loadRecords(store, { checker, files, clockMs: SATURDAY, lang: options.lang ?? 'en', ...(options.onBatch ? { onBatch: options.onBatch } : {}) });
  return { store, completed };
}

describe('loadRecords', () => {
  it('reads every format check reads, files and folders, in input order', async () => {
    const root = folder({
      'feed.ndjson': `${JSON.stringify(post('nd-1'))}\n${JSON.stringify(post('nd-2'))}\n`,
      'desk/a.yaml': 'id: yaml-1\npublishedAt: 2017-05-06T09:00:00+02:00\ncategories: [propaganda]\n',
      'desk/b.csv': 'id,publishedAt,categories\ncsv-1,2017-05-06T09:00:00+02:00,propaganda\n',
      'desk/posts/c.md': '---\nid: md-1\npublishedAt: 2017-05-06T09:00:00+02:00\ncategories: [propaganda]\n---\nBody\n',
      'array.json': JSON.stringify([post('json-1')]),
    });
    const { store, completed } = await load([join(root, 'feed.ndjson'), join(root, 'desk'), join(root, 'array.json')]);
    expect(completed).toBe(true);
    expect(store.problems).toEqual([]);
    expect(Array.from({ length: store.length }, (_, index) => store.key(index))).toEqual(['nd-1', 'nd-2', 'yaml-1', 'csv-1', 'md-1', 'json-1']);
    expect(Array.from({ length: store.length }, (_, index) => store.verdict(index).status)).toEqual(Array(6).fill('blocked'));
    expect(store.input(1).source).toEqual({ file: join(root, 'feed.ndjson'), index: 1, line: 2 });
  });

  it('keeps every input problem, with its place, and reads on', async () => {
    const root = folder({ 'feed.ndjson': `${JSON.stringify(post('a'))}\n{"id": \n${JSON.stringify(post('b'))}\n`, 'bad.json': '[{"id": ' });
    const { store } = await load([join(root, 'feed.ndjson'), join(root, 'bad.json'), join(root, 'notes.txt')]);
    expect(Array.from({ length: store.length }, (_, index) => store.key(index))).toEqual(['a', 'b']);
    expect(store.problems.map((problem) => [problem.source.file.slice(root.length + 1), problem.source.line, problem.fatal])).toEqual([
      ['feed.ndjson', 2, false],
      ['bad.json', 1, true],
      ['notes.txt', undefined, true],
    ]);
    expect(store.problems[0]!.message).toMatch(/^not valid JSON/);
  });

  it('checks a draft without publishedAt at the clock, and makes a repeated id invalid, in the UI’s language', async () => {
    const root = folder({ 'drafts.ndjson': `${JSON.stringify({ id: 'draft', categories: ['propaganda'] })}\n${JSON.stringify(post('draft'))}\n` });
    const { store } = await load([join(root, 'drafts.ndjson')], { lang: 'fr' });
    expect(store.verdict(0).at).toBe(new Date(SATURDAY).toISOString());
    expect(store.verdict(0).status).toBe('blocked');
    expect(store.verdict(1).status).toBe('invalid');
    expect(store.verdict(1).errors[0]!.message).toBe('l’identifiant « draft » apparaît plus haut dans l’entrée');
  });

  it('checks a batch of at most 1000 records at a time, giving the event loop a turn after each', async () => {
    const lines = Array.from({ length: 2500 }, (_, index) => JSON.stringify(post(`p${index}`))).join('\n');
    const root = folder({ 'big.ndjson': lines });
    const batches: number[] = [];
    let turns = 0;
    // Counts turns of the event loop while the load runs: keys and frames get theirs the same way.
    const tick = () => {
      turns++;
      if (batches.length < 3) setImmediate(tick);
    };
    setImmediate(tick);
    const checker = await frenchChecker();
    const store = newStore(checker, 'en');
    await loadRecords(store, { checker, files: [join(root, 'big.ndjson')], clockMs: SATURDAY, lang: 'en', onBatch: (filled) => batches.push(filled.length) });
    expect(batches).toEqual([1000, 2000, 2500]);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('gives the event loop a turn within a batch when checking it takes long', async () => {
    const root = folder({ 'slow.ndjson': Array.from({ length: 600 }, (_, index) => JSON.stringify(post(`p${index}`))).join('\n') });
    const checker = await frenchChecker();
    // A checker that takes 0.1 ms a record: 600 records are 60 ms, one batch.
    let turnsAtFirstCheck = -1;
    const slow = {
      ...checker,
      check: (record: unknown, options?: Parameters<typeof checker.check>[1]) => {
        if (turnsAtFirstCheck < 0) turnsAtFirstCheck = turns;
        const until = performance.now() + 0.1;
        while (performance.now() < until);
        return checker.check(record, options);
      },
    };
    let turns = 0;
    let turnsBeforeBatch = -1;
    const tick = () => {
      turns++;
      if (turnsBeforeBatch < 0) setImmediate(tick);
    };
    setImmediate(tick);
    const store = newStore(checker, 'en');
    await loadRecords(store, { checker: slow, files: [join(root, 'slow.ndjson')], clockMs: SATURDAY, lang: 'en', onBatch: () => (turnsBeforeBatch = turns) });
    expect(store.length).toBe(600);
    // Turns taken while the batch was being checked, not while the file was read.
    expect(turnsBeforeBatch - turnsAtFirstCheck).toBeGreaterThanOrEqual(3);
  });

  it('stops at the next batch once cancelled', async () => {
    const root = folder({ 'big.ndjson': Array.from({ length: 3000 }, (_, index) => JSON.stringify(post(`p${index}`))).join('\n') });
    const checker = await frenchChecker();
    const store = newStore(checker, 'en');
    const signal = { cancelled: false };
    const completed = await loadRecords(store, { checker, files: [join(root, 'big.ndjson')], clockMs: SATURDAY, lang: 'en', signal, onBatch: () => (signal.cancelled = true) });
    expect(completed).toBe(false);
    expect(store.length).toBe(1000);
  });
});

describe('search text', () => {
  it('is made for every record in the background once asked, the same as made on demand', async () => {
    const root = folder({ 'feed.ndjson': [post('Alpha-1', { title: 'Sondage\u0007 Ifop' }), post('beta-2')].map((record) => JSON.stringify(record)).join('\n') });
    const { store } = await load([join(root, 'feed.ndjson')]);
    await prepareSearch(store, undefined, 1);
    expect(store.haystack(0)).toBe('alpha-1 sondage\\u0007 ifop web propaganda default');
    expect(store.haystack(1)).toContain('title of beta-2');
  });
});

describe('search over the joined texts', () => {
  it('finds the same records as testing each one’s text, across chunks, for words found often, rarely or never', async () => {
    const store = syntheticStore(5000);
    // In chunks of 700, and not all of them: the last records are tested one by one.
    for (let from = 0; from < 4900; from += 700) store.prepareSearch(from, Math.min(from + 700, 4900));
    expect(store.searchIndexed).toBe(4900);
    const order = initialState(store, 3, 10).order;
    for (const search of ['title', 'title 49', '9 web', 'r4999', 'news a', 'e 1', 'zz', 'b\nc']) {
      const one = [...order].filter((index) => store.haystack(index).includes(search));
      expect([...filterIndices(store, order, { status: 'all', region: -1, search })]).toEqual(one);
      expect([...filterIndices(store, order, { status: 'blocked', region: 1, search })]).toEqual(one.filter((index) => index % 4 === 1 && index % 3 === 1));
    }
  });
});

describe('reloadBlocker', () => {
  const problem = (file: string, fatal: boolean): InputProblem => ({ source: { file, index: 0 }, message: 'x', fatal });

  it('holds a reload back when an input read before cannot be read now, not for a bad line or an input that was already unreadable', () => {
    expect(reloadBlocker([], [problem('a.json', true)])).toEqual(problem('a.json', true));
    expect(reloadBlocker([], [problem('a.ndjson', false)])).toBeUndefined();
    expect(reloadBlocker([problem('a.json', true)], [problem('a.json', true)])).toBeUndefined();
    expect(reloadBlocker([problem('a.json', true)], [problem('a.json', true), problem('b.json', true)])).toEqual(problem('b.json', true));
  });
});
