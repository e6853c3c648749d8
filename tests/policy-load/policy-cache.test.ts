/**
 * The compiled-policy cache (src/policy-load/cache.ts): a policy compiled once is
 * restored on the next load, equivalent to a fresh compile down to every
 * verdict; any change to what the policy is made of compiles afresh; a
 * corrupt, unreadable or unwritable cache never fails a load nor leaves
 * half a file; policy errors surface as without the cache and are never kept.
 *
 * Every cache folder and policy folder is a fresh temporary copy. Whether a
 * load compiled or restored is read from a spy on the compiler the cache
 * imports (src/policy-load/load.js), which keeps the real behaviour.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/policy-load/load.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/policy-load/load.js')>();
  return { ...real, loadPolicySync: vi.fn(real.loadPolicySync) };
});

import { createChecker, isPolicyError, PolicyError, type CheckOptions, type CompiledPolicy, type PolicyIssue } from '../../src/index.js';
import { cacheDir } from '../../src/fs/cache-dir.js';
import { loadPolicyCached, type PolicyCacheOptions } from '../../src/policy-load/cache.js';
import { loadPolicy, loadPolicySync } from '../../src/policy-load/load.js';
import { version } from '../../src/cli/version.js';
import { makeRecords } from '../helpers/bench-records.js';
import { editEntry, entryLayout, readEntry, type StoredEntry } from '../helpers/cache-entry.js';

/**
 * The French base and three presidential elections, copied from policies/fr:
 * the cache's behaviour is the same for any policy, and compiling every
 * French election (some 4,800 windows) in each test took most of its time.
 */
const FRENCH = mkdtempSync(join(tmpdir(), 'blackout-cache-fr-'));
for (const name of ['code-electoral.yaml', 'presidentielle-2012.yaml', 'presidentielle-2017.yaml', 'presidentielle-2027.yaml']) {
  cpSync(fileURLToPath(new URL(`../../policies/fr/${name}`, import.meta.url)), join(FRENCH, name));
}
afterAll(() => rmSync(FRENCH, { recursive: true, force: true }));
const VERSION = version();

/** How many times the cache has compiled a policy since the test began. */
const compiles = () => vi.mocked(loadPolicySync).mock.calls.length;

beforeEach(() => {
  vi.mocked(loadPolicySync).mockClear();
});

// --- temporary folders ---------------------------------------------------

const roots: string[] = [];
/** Folders a test took permissions from: given back before the cleanup. */
const locked: string[] = [];

function cleanUp(): void {
  for (const path of locked.splice(0)) chmodSync(path, 0o700);
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}
afterEach(cleanUp);
afterAll(cleanUp);

interface Workspace {
  readonly root: string;
  /** A copy of policies/fr. */
  readonly folder: string;
  /** The cache folder (not created: the first write creates it). */
  readonly cache: string;
}

function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'blackout-cache-'));
  roots.push(root);
  const folder = join(root, 'fr');
  cpSync(FRENCH, folder, { recursive: true });
  return { root, folder, cache: join(root, 'cache') };
}

function options(cache: string, overrides: Partial<PolicyCacheOptions> = {}): PolicyCacheOptions {
  return { dir: cache, version: VERSION, cwd: process.cwd(), ...overrides };
}

/** The names in a folder, sorted; none when it does not exist. */
function listing(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

/** The cache's one entry, asserting that it holds exactly one file and nothing else (no partial file). */
function onlyEntry(cache: string): string {
  const names = listing(cache);
  expect(names).toEqual([expect.stringMatching(/^[0-9a-f]{8}\.policy$/)]);
  return join(cache, names[0]!);
}

function editFile(path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(path, 'utf8');
  const edited = text.replace(from, to);
  expect(edited, `${path} should contain ${String(from)}`).not.toBe(text);
  writeFileSync(path, edited);
}

// --- comparing policies --------------------------------------------------

/** What a compiled policy says, as plain data (Sets, Maps and links written out). */
function describePolicy(policy: CompiledPolicy) {
  return {
    id: policy.id,
    title: policy.title,
    jurisdiction: policy.jurisdiction,
    version: policy.version,
    notice: policy.notice,
    sha256: policy.sha256,
    files: policy.files,
    regions: policy.regions,
    audiences: [...policy.audiences],
    defaultAudience: policy.defaultAudience,
    categories: policy.categories,
    categoryIndex: [...policy.categoryIndex],
    channels: policy.channels,
    channelIndex: [...policy.channelIndex],
    elections: policy.elections,
    rules: policy.rules.map((rule) => ({
      ...rule,
      channels: rule.channels && [...rule.channels],
      publisherKinds: rule.publisherKinds && [...rule.publisherKinds],
    })),
    windows: policy.windows.map((window) => ({
      rule: window.rule.id,
      ruleIndex: window.rule.index,
      election: window.election,
      region: window.region,
      startMs: window.startMs,
      endMs: window.endMs,
      utc: window.utc,
      local: window.local,
      provisional: window.provisional,
      provisionalCalendar: window.provisionalCalendar,
      messages: [...window.messages],
    })),
    provisionalSpans: policy.provisionalSpans.map((span) => ({ ...span, rule: span.rule.id })),
    // The bounds a check reads without making the spans: each span's own.
    provisionalBounds: [...policy.provisionalBounds],
    spansBounded: policy.provisionalSpans.every((span, index) => policy.provisionalBounds[2 * index] === span.startMs && policy.provisionalBounds[2 * index + 1] === span.endMs),
    detectors: policy.detectors.definitions,
    languages: policy.languages,
  };
}

/**
 * What a restored policy says of its windows and segments, and its verdicts
 * on `records`, as one line of JSON. Self-contained: a child process runs it from its source.
 */
function describeRestored(policy: CompiledPolicy, checker: ReturnType<typeof createChecker>, records: readonly unknown[]): string {
  return JSON.stringify({
    windows: policy.windows.map((window) => [window.utc, window.local, [...window.messages]]),
    segments: policy.timeline.segments.map((slices) => slices.map((slice) => [slice.rule.index, slice.regionMask, slice.windows.map((window) => policy.windows.indexOf(window))])),
    verdicts: records.map((record) => [checker.check(record), checker.check(record, { lang: 'fr' })]),
  });
}

/** Records besides the generated ones: a local time with a zone, a bad instant, an unknown category, a repeated id. */
const HANDMADE: unknown[] = [
  { id: 'local', publishedAt: '2017-05-06T10:00:00', zone: 'America/Guadeloupe', categories: ['poll'], channel: 'web' },
  { id: 'local-dst', publishedAt: '2017-03-26T02:30:00', zone: 'Europe/Paris', categories: ['propaganda'] },
  { id: 'bad-instant', publishedAt: '2017-05-06 10:00', categories: ['poll'] },
  { id: 'unknown-category', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['gossip'] },
  { id: 'leak', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['leak'], audience: ['FR-MET'] },
  { id: 'leak', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['leak'] },
  { id: 'detected', publishedAt: '2022-04-09T12:00:00+02:00', categories: ['news'], title: 'Nouveau sondage : intentions de vote' },
];

const RECORDS: unknown[] = [...makeRecords(4000), ...HANDMADE];

const VARIANTS: readonly CheckOptions[] = [
  {},
  { lang: 'fr' },
  { at: '2017-05-06T12:00:00+02:00' },
  { at: '2017-05-06T12:00:00+02:00', lang: 'fr' },
  { at: '2022-04-09T03:00:00-04:00', lang: 'fr' },
  { at: Date.parse('2024-06-29T23:30:00Z') },
];

/** Checks every record with both policies and expects the same verdicts, as JSON; returns the count per status. */
function expectSameVerdicts(restored: CompiledPolicy, fresh: CompiledPolicy, records: readonly unknown[], check: CheckOptions): Record<string, number> {
  const left = createChecker(restored).checkAll(records, check);
  const right = createChecker(fresh).checkAll(records, check);
  expect(left).toHaveLength(records.length);
  expect(right).toHaveLength(records.length);
  const leftJson = left.map((verdict) => JSON.stringify(verdict));
  const rightJson = right.map((verdict) => JSON.stringify(verdict));
  const first = leftJson.findIndex((text, index) => text !== rightJson[index]);
  // On a difference, the first record that differs and both verdicts, rather than two huge arrays.
  expect(first === -1 ? null : { record: records[first], restored: left[first], fresh: right[first] }).toBeNull();
  const counts: Record<string, number> = {};
  for (const verdict of right) counts[verdict.status] = (counts[verdict.status] ?? 0) + 1;
  return counts;
}

function statusOf(policy: CompiledPolicy, record: unknown, check: CheckOptions = {}): string {
  return createChecker(policy).check(record, check).status;
}

/** Expects a policy to be what a fresh compile of the same path gives (for edited policies). */
async function expectFresh(policy: CompiledPolicy, path: string): Promise<void> {
  const fresh = describePolicy(await loadPolicy(path));
  expect(fresh.spansBounded).toBe(true);
  expect(describePolicy(policy)).toEqual(fresh);
}

let reference: Promise<CompiledPolicy> | undefined;

/** policies/fr compiled afresh, once per test file. */
function pristine(): Promise<CompiledPolicy> {
  return (reference ??= loadPolicy(FRENCH));
}

/**
 * Expects a policy loaded from an unedited copy of policies/fr at `folder` to
 * be what a fresh compile of policies/fr gives, its files named in the copy.
 * (One compile of the original serves every test of the file: compiling is
 * most of their time.)
 */
async function expectPristine(policy: CompiledPolicy, folder: string, sha256?: string): Promise<void> {
  const fresh = await pristine();
  expect(describePolicy(policy)).toEqual({ ...describePolicy(fresh), files: filesIn(fresh, folder), sha256: sha256 ?? fresh.sha256 });
}

/** A policy's sha256 as documented: its files' texts in merge order, each followed by a NUL. */
function sha256Of(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file, 'utf8')).update('\0');
  return hash.digest('hex');
}

/** The shipped policy's files as a copy of it at `folder` (absolute or relative) names them. */
function filesIn(fresh: CompiledPolicy, folder: string): string[] {
  return fresh.files.map((file) => join(folder, relative(FRENCH, file)));
}

// --- 1. restore ----------------------------------------------------------

describe('a policy loaded twice', () => {
  it('is compiled and stored on the first load, restored from the one entry on the second', async () => {
    const { folder, cache } = workspace();
    const first = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);
    const entry = onlyEntry(cache);
    const stored = readEntry(entry);
    expect(stored).toMatchObject({ format: 5, policy: { id: 'fr', sha256: first.sha256, files: first.files } });
    // The files as compiled: their sizes and CRC-32s.
    expect(stored.files).toEqual(first.files.map((name) => [readFileSync(name).length, crc32(readFileSync(name))]));
    expect(stored.entries).toEqual(readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort().map((name) => join(folder, name)));
    // The JSON lines are ASCII (the French texts as \u escapes), and the numbers after them start on a multiple of 4 from the eager part's start: read as views.
    const bytes = readFileSync(entry);
    const { eager, slices, texts } = entryLayout(entry);
    const jsonEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a, eager.start) + 1);
    expect(bytes.subarray(0, jsonEnd).every((byte) => byte < 0x80)).toBe(true);
    expect(bytes.toString('latin1', 0, jsonEnd)).toContain('\\u00e9');
    expect((jsonEnd + 1 - eager.start) % 4).toBe(0);
    // The slices and texts, read when asked for, are most of the entry.
    expect(slices.end - slices.start + texts.end - texts.start).toBeGreaterThan(eager.end - eager.start);
    const written = statSync(entry);

    const second = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);
    expect(second).not.toBe(first);
    expect(second.sha256).toBe(first.sha256);
    // A restore reads the entry and writes nothing.
    expect(onlyEntry(cache)).toBe(entry);
    expect(statSync(entry).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(entry).ino).toBe(written.ino);
  });

  it('comes back as the entry says, not from the YAML: a marked entry is restored with its marks', async () => {
    const { folder, cache } = workspace();
    const compiled = await loadPolicyCached(folder, options(cache));
    const first = compiled.windows[0]!;
    expect(first.messages.get('en')).toContain('from Sat 21 Apr 00:00 until Sun 22 Apr 20:00 (Europe/Paris)');
    const entry = onlyEntry(cache);
    // Messages are written again from the rule's template when first read (the window's words are
    // texts the entry keeps: which a fresh process reads is seen in tests/cli/cold-start-path.test.ts).
    editEntry(entry, (stored) => {
      stored.policy.id = 'fr-from-the-cache';
      (stored.policy.rules as { message?: unknown }[])[first.rule.index]!.message = { en: 'Marked in the cache: {window}.' };
    });

    const restored = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);
    expect(restored.id).toBe('fr-from-the-cache');
    expect(restored.windows[0]!.messages.get('en')).toBe('Marked in the cache: from Sat 21 Apr 00:00 until Sun 22 Apr 20:00 (Europe/Paris).');
    expect(restored.sha256).toBe(compiled.sha256);
  });

  describe('restored, against a fresh compile', () => {
    let restored: CompiledPolicy;
    let fresh: CompiledPolicy;
    beforeAll(async () => {
      const { folder, cache } = workspace();
      await loadPolicyCached(folder, options(cache));
      vi.mocked(loadPolicySync).mockClear();
      restored = await loadPolicyCached(folder, options(cache));
      expect(compiles()).toBe(0);
      fresh = await loadPolicy(folder);
    });

    it('has the same policy data and the same windows', () => {
      const left = describePolicy(restored);
      const right = describePolicy(fresh);
      for (const key of Object.keys(right) as (keyof typeof right)[]) expect(left[key], key).toEqual(right[key]);
      expect(restored.windows.length).toBeGreaterThan(100);
      expect(restored.languages).toEqual(expect.arrayContaining(['en', 'fr']));
      // Each window points at the rule of the same index in the restored policy, as in a compiled one.
      for (const window of restored.windows) expect(window.rule).toBe(restored.rules[window.rule.index]);
    });

    it('gives the same verdict for thousands of generated records, with and without at and lang fr', () => {
      const totals: Record<string, number> = {};
      for (const check of VARIANTS) {
        const counts = expectSameVerdicts(restored, fresh, RECORDS, check);
        for (const [status, count] of Object.entries(counts)) totals[status] = (totals[status] ?? 0) + count;
      }
      // The records reach every outcome, so the comparison is not between two lists of 'allowed'.
      expect(totals).toEqual({ allowed: expect.any(Number), blocked: expect.any(Number), review: expect.any(Number), invalid: expect.any(Number) });
      expect(Math.min(...Object.values(totals))).toBeGreaterThanOrEqual(VARIANTS.length);
      expect(totals.blocked).toBeGreaterThan(500);
    });
  });
});

// --- 2. stale entries ----------------------------------------------------

const MACRONLEAKS_END = 'dateTime: "2017-05-07T20:00", zone: Europe/Paris';
/** A leak relayed in mainland France half an hour after the CNCCEP recommendation ends. */
const LATE_LEAK = { id: 'late-leak', publishedAt: '2017-05-07T20:30:00+02:00', categories: ['leak'], audience: ['FR-MET'] };
/** A poll half an hour after the 2017 round-2 poll ban ends. */
const LATE_POLL = { id: 'late-poll', publishedAt: '2017-05-07T20:30:00+02:00', categories: ['poll'], channel: 'web' };
const EVE_POLL = { id: 'eve-poll', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], channel: 'web' };

/** code-electoral.yaml with the poll ban's end moved from 20:00 to 21:00. */
function laterPollBan(path: string): void {
  const text = readFileSync(path, 'utf8');
  const rule = text.indexOf('id: fr.loi77-808.art11.polls');
  const end = text.indexOf('end: { kind: votingDay, days: 0, time: "20:00"', rule);
  expect(rule).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(rule);
  writeFileSync(path, text.slice(0, end) + text.slice(end).replace('time: "20:00"', 'time: "21:00"'));
}

describe('a stale entry is compiled afresh', () => {
  it('when one byte of a comment changes', async () => {
    const { folder, cache } = workspace();
    const before = await loadPolicyCached(folder, options(cache));
    editFile(join(folder, 'presidentielle-2017.yaml'), '# A one-off', '# a one-off');

    const after = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(2);
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.sha256).toBe(sha256Of(after.files));
    await expectPristine(after, folder, after.sha256);
    // The entry was replaced, not added to: the next load restores the new one.
    expect(readEntry(onlyEntry(cache)).policy.sha256).toBe(after.sha256);
    expect((await loadPolicyCached(folder, options(cache))).sha256).toBe(after.sha256);
    expect(compiles()).toBe(2);
  });

  it('not when a file is written again with the same bytes: files are compared by content, not by time', async () => {
    const { folder, cache } = workspace();
    await loadPolicyCached(folder, options(cache));
    const file = join(folder, 'presidentielle-2017.yaml');
    writeFileSync(file, readFileSync(file));
    utimesSync(file, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    await expectPristine(await loadPolicyCached(folder, options(cache)), folder);
    expect(compiles()).toBe(1);
  });

  it('when a window time changes, and the verdicts follow the edit', async () => {
    const { folder, cache } = workspace();
    const before = await loadPolicyCached(folder, options(cache));
    expect(statusOf(before, LATE_LEAK)).toBe('allowed');
    editFile(join(folder, 'presidentielle-2017.yaml'), MACRONLEAKS_END, MACRONLEAKS_END.replace('20:00', '21:00'));

    const after = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(2);
    expect(statusOf(after, LATE_LEAK)).toBe('review');
    const window = after.windows.find((candidate) => candidate.rule.id === 'fr.cnccep.2017-05-macronleaks');
    expect(window?.utc.end).toBe('2017-05-07T19:00:00.000Z');
    await expectFresh(after, folder);
  });

  it('when a file reached only through extends changes, for a folder', async () => {
    const { root, folder, cache } = workspace();
    // The parent moves out of the folder: it is no entry of it, only extended.
    const common = join(root, 'common');
    mkdirSync(common);
    cpSync(join(folder, 'code-electoral.yaml'), join(common, 'code-electoral.yaml'));
    unlinkSync(join(folder, 'code-electoral.yaml'));
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.yaml'))) {
      editFile(join(folder, name), 'extends: ./code-electoral.yaml', 'extends: ../common/code-electoral.yaml');
    }
    const before = await loadPolicyCached(folder, options(cache));
    expect(before.files).toContain(join(common, 'code-electoral.yaml'));
    expect(readEntry(onlyEntry(cache)).entries.some((name) => name.includes('code-electoral'))).toBe(false);
    expect(statusOf(before, LATE_POLL)).toBe('allowed');

    // One byte first: compiled afresh though nothing it says changed.
    editFile(join(common, 'code-electoral.yaml'), '# The French rules', '# the French rules');
    const touched = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(2);
    expect(touched.sha256).not.toBe(before.sha256);

    laterPollBan(join(common, 'code-electoral.yaml'));
    const after = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(3);
    expect(statusOf(after, LATE_POLL)).toBe('blocked');
    await expectFresh(after, folder);
  });

  it('when the parent of a single-file policy changes', async () => {
    const { folder, cache } = workspace();
    const file = join(folder, 'presidentielle-2017.yaml');
    const before = await loadPolicyCached(file, options(cache));
    expect(before.files).toEqual([join(folder, 'code-electoral.yaml'), file]);
    expect(statusOf(before, LATE_POLL)).toBe('allowed');

    laterPollBan(join(folder, 'code-electoral.yaml'));
    const after = await loadPolicyCached(file, options(cache));
    expect(compiles()).toBe(2);
    expect(statusOf(after, LATE_POLL)).toBe('blocked');
    await expectFresh(after, file);
  });

  it('when a .yaml file is added to the folder, but not for another kind of file', async () => {
    const { folder, cache } = workspace();
    const before = await loadPolicyCached(folder, options(cache));
    writeFileSync(join(folder, 'README.md'), '# Notes\n');
    writeFileSync(join(folder, 'notes.txt'), 'not a policy\n');
    await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);

    const poll2032 = { id: 'poll-2032', publishedAt: '2032-04-10T12:00:00+02:00', categories: ['poll'], channel: 'web' };
    expect(statusOf(before, poll2032)).toBe('allowed');
    const text = readFileSync(join(folder, 'presidentielle-2027.yaml'), 'utf8').replaceAll('2027', '2032');
    writeFileSync(join(folder, 'presidentielle-2032.yaml'), text);

    const after = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(2);
    expect(after.elections.map((election) => election.id)).toContain('fr-presidentielle-2032');
    expect(statusOf(after, poll2032)).toBe('blocked');
    await expectFresh(after, folder);
  });

  it('when a .yaml file is removed from the folder', async () => {
    const { folder, cache } = workspace();
    const before = await loadPolicyCached(folder, options(cache));
    expect(statusOf(before, EVE_POLL)).toBe('blocked');
    unlinkSync(join(folder, 'presidentielle-2017.yaml'));

    const after = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(2);
    expect(after.elections.map((election) => election.id)).not.toContain('fr-presidentielle-2017');
    expect(statusOf(after, EVE_POLL)).toBe('allowed');
    await expectFresh(after, folder);
  });

  it('when a file is renamed, its content unchanged', async () => {
    const { folder, cache } = workspace();
    const before = await loadPolicyCached(folder, options(cache));
    const text = readFileSync(join(folder, 'presidentielle-2012.yaml'));
    unlinkSync(join(folder, 'presidentielle-2012.yaml'));
    writeFileSync(join(folder, 'presidentielle-2012-bis.yaml'), text);

    const after = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(2);
    expect(after.files).toContain(join(folder, 'presidentielle-2012-bis.yaml'));
    expect(after.files).not.toContain(join(folder, 'presidentielle-2012.yaml'));
    // Same texts in the same order: the sha256 alone would not have told.
    expect(after.sha256).toBe(before.sha256);
  });

  it('for another blackout version, each version keeping its own entry', async () => {
    const { folder, cache } = workspace();
    await loadPolicyCached(folder, options(cache));
    await loadPolicyCached(folder, options(cache, { version: `${VERSION}-next` }));
    expect(compiles()).toBe(2);
    expect(listing(cache)).toHaveLength(2);
    await loadPolicyCached(folder, options(cache));
    await loadPolicyCached(folder, options(cache, { version: `${VERSION}-next` }));
    expect(compiles()).toBe(2);
  });

  it('for another working folder, or another spelling of the path, each named as it was given', async () => {
    const { root, folder, cache } = workspace();
    const spellings = [folder, `${folder}/`, `${root}/./fr`, `${root}/cache/../fr`, relative(process.cwd(), folder)];
    for (const [index, path] of spellings.entries()) {
      const policy = await loadPolicyCached(path, options(cache));
      expect(compiles()).toBe(index + 1);
      await expectPristine(policy, path);
    }
    await loadPolicyCached(folder, options(cache, { cwd: root }));
    expect(compiles()).toBe(spellings.length + 1);
    expect(listing(cache)).toHaveLength(spellings.length + 1);

    // Each is then restored, with its files named as that spelling names them.
    for (const path of spellings) {
      const policy = await loadPolicyCached(path, options(cache));
      expect(policy.files).toEqual(filesIn(await pristine(), path));
    }
    expect(compiles()).toBe(spellings.length + 1);
  });
});

// --- 3. corrupt, unreadable, unwritable ----------------------------------

const CORRUPTIONS: readonly (readonly [string, (file: string) => void])[] = [
  ['a truncated entry', (file) => writeFileSync(file, readFileSync(file).subarray(0, 5000))],
  ['an entry one byte short', (file) => writeFileSync(file, readFileSync(file).subarray(0, -1))],
  ['an empty entry', (file) => writeFileSync(file, '')],
  ['garbage bytes', (file) => writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x9c, 0x0a]))],
  ['JSON null', (file) => writeFileSync(file, 'null')],
  ['a JSON array', (file) => writeFileSync(file, '[1, 2, 3]')],
  ['an empty object', (file) => writeFileSync(file, '{}')],
  ['another format number', (file) => editEntry(file, (entry) => (entry.format = 2))],
  ['a format number as a string', (file) => editEntry(file, (entry) => (entry.format = '3'))],
  ['the key of another entry', (file) => editEntry(file, (entry) => (entry.key = entry.key.replace(']', ',"elsewhere"]')))],
  ['a CRC that does not match the rest', (file) => editEntry(file, (entry) => (entry.crc = '00000000'))],
  ['an edge moved, the CRC left as it was', (file) => writeFileSync(file, readFileSync(file, 'latin1').replace(/"edges":\[(\d)/, '"edges":[9$1'), 'latin1')],
  ['a different list of entry files', (file) => editEntry(file, (entry) => (entry.entries = entry.entries.slice(1)))],
  ['a stored file CRC that is not the file\'s (the size kept)', (file) => editEntry(file, (entry) => (entry.files[1]![1] ^= 1))],
  ['a stored file one byte short', (file) => editEntry(file, (entry) => (entry.files[0]![0] -= 1))],
  ['a byte of a rule changed, the CRC left as it was', (file) => writeFileSync(file, readFileSync(file, 'latin1').replace('"severity":"block"', '"severity":"bloc!"'), 'latin1')],
  ['a stored file list emptied', (file) => editEntry(file, (entry) => (entry.policy.files = []))],
  ['a stored file that no longer exists', (file) => editEntry(file, (entry) => (entry.policy.files = entry.policy.files.map((name, index) => (index === 0 ? `${name}.gone` : name))))],
  ['well-hashed window numbers one short', (file) => editEntry(file, (entry) => (entry.numbers[0] = entry.numbers[0]!.subarray(1)))],
  ['a well-hashed window of a rule that is not there', (file) => editEntry(file, (entry) => (entry.numbers[0]![0] = 999))],
  ['a well-hashed window bound that is no edge', (file) => editEntry(file, (entry) => (entry.numbers[0]![3] = 100_000))],
  ['a well-hashed window of a region that is not there', (file) => editEntry(file, (entry) => (entry.numbers[0]![2] = 99))],
  ['a well-hashed window that ends as it starts', (file) => editEntry(file, (entry) => (entry.numbers[0]![4] = entry.numbers[0]![3]!))],
  ['well-hashed rules missing', (file) => editEntry(file, (entry) => delete entry.policy.rules)],
  ['well-hashed numbers missing a list', (file) => editEntry(file, (entry) => entry.numbers.pop())],
  ['well-hashed segment starts out of order', (file) => editEntry(file, (entry) => entry.numbers[1]!.reverse())],
  ['a well-hashed segment start beyond the numbers', (file) => editEntry(file, (entry) => (entry.numbers[1]![1] = 1_000_000))],
  ['well-hashed provisional spans one number short', (file) => editEntry(file, (entry) => (entry.numbers[2] = entry.numbers[2]!.subarray(1)))],
  ['a well-hashed provisional span of a rule that is not there', (file) => editEntry(file, (entry) => (entry.numbers[2]![0] = 999))],
  ['a well-hashed provisional span that ends as it starts', (file) => editEntry(file, (entry) => entry.numbers[2]!.copyWithin(6, 4, 6))],
  ['a well-hashed text index that is not a list', (file) => editEntry(file, (entry) => (entry.policy.textIndex = 7))],
  ['well-hashed texts that are not pairs', (file) => editEntry(file, (entry) => entry.texts.pop())],
];

describe('a corrupt entry is compiled afresh and replaced', () => {
  // One policy folder and its good entry serve every case: each gets a cache folder holding a damaged copy.
  let shared: Workspace;
  let goodEntry: { name: string; bytes: Buffer };
  beforeAll(async () => {
    shared = workspace();
    roots.splice(roots.indexOf(shared.root), 1);
    await loadPolicyCached(shared.folder, options(shared.cache));
    const file = onlyEntry(shared.cache);
    goodEntry = { name: file.slice(shared.cache.length + 1), bytes: readFileSync(file) };
  });
  afterAll(() => {
    rmSync(shared.root, { recursive: true, force: true });
  });

  /** A cache folder holding the good entry, and the entry's path. */
  function cacheWithEntry(): { cache: string; entry: string } {
    const cache = mkdtempSync(join(tmpdir(), 'blackout-cache-dir-'));
    roots.push(cache);
    const entry = join(cache, goodEntry.name);
    writeFileSync(entry, goodEntry.bytes);
    return { cache, entry };
  }

  it('(the good entry itself is restored)', async () => {
    const { cache } = cacheWithEntry();
    await expectPristine(await loadPolicyCached(shared.folder, options(cache)), shared.folder);
    expect(compiles()).toBe(0);
  });

  it.each(CORRUPTIONS)('%s', async (_name, corrupt) => {
    const { cache, entry } = cacheWithEntry();
    corrupt(entry);

    const policy = await loadPolicyCached(shared.folder, options(cache));
    expect(compiles()).toBe(1);
    await expectPristine(policy, shared.folder);
    expect(statusOf(policy, EVE_POLL)).toBe('blocked');
    // Replaced by a good entry, and nothing else beside it.
    expect(onlyEntry(cache)).toBe(entry);
    expect(readEntry(entry)).toMatchObject({ format: 5, policy: { sha256: policy.sha256 } });
    await loadPolicyCached(shared.folder, options(cache));
    expect(compiles()).toBe(1);
  });

  it('a well-hashed timeline whose numbers do not fit: restored, the segments they spell cut from the windows', async () => {
    const { cache, entry } = cacheWithEntry();
    editEntry(entry, (stored) => {
      const slices = stored.slices;
      // The first segment names a window beyond the list; the last one ends a number short.
      slices[4] = 1_000_000;
      stored.slices = slices.subarray(0, -1);
    });
    const policy = await loadPolicyCached(shared.folder, options(cache));
    expect(compiles()).toBe(0);
    await expectPristine(policy, shared.folder);
    const fresh = await pristine();
    expect(policy.timeline.segments.map((slices) => slices.map((slice) => [slice.rule.index, slice.regionMask, slice.windows.map((w) => policy.windows.indexOf(w))]))).toEqual(
      fresh.timeline.segments.map((slices) => slices.map((slice) => [slice.rule.index, slice.regionMask, slice.windows.map((w) => fresh.windows.indexOf(w))])),
    );
    expectSameVerdicts(policy, fresh, RECORDS, {});
  });

  const SOME_RECORDS = RECORDS.slice(0, 400);
  const expected = async () => describeRestored(await pristine(), createChecker(await pristine()), SOME_RECORDS);
  // In a child process, from dist/ (the compiler's files are in the cache key: the child's entries are its own): this
  // process's texts, formatted by earlier tests, are remembered, and would hide a text the entry gave wrong.
  const DIST_URL = pathToFileURL(join(process.cwd(), 'dist')).href;
  /** What a fresh process loads from `cache` (see {@link describeRestored}); `swap`, when given, is copied over the entry once restored. */
  function loadedInChild(cache: string, swap?: string): string {
    const script = `
      import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
      import { join } from 'node:path';
      const { loadPolicyCached } = await import(${JSON.stringify(`${DIST_URL}/policy-load/cache.js`)});
      const { createChecker } = await import(${JSON.stringify(`${DIST_URL}/index.js`)});
      const cache = ${JSON.stringify(cache)};
      const policy = await loadPolicyCached(${JSON.stringify(shared.folder)}, ${JSON.stringify(options(cache))});
      ${swap === undefined ? '' : `copyFileSync(${JSON.stringify(swap)}, join(cache, readdirSync(cache).find((name) => name.endsWith('.policy'))));`}
      console.log(describe(policy, createChecker(policy), JSON.parse(readFileSync(0, 'utf8'))));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `${script}\nfunction describe${describeRestored.toString().slice('function describeRestored'.length)}`], {
      encoding: 'utf8',
      timeout: 20_000,
      input: JSON.stringify(SOME_RECORDS),
    });
    expect(run.stderr).toBe('');
    return run.stdout.trim();
  }

  /** A cache folder holding the one entry a child process wrote, and its path. */
  async function childEntry(): Promise<{ cache: string; entry: string }> {
    const cache = mkdtempSync(join(tmpdir(), 'blackout-cache-dir-'));
    roots.push(cache);
    expect(loadedInChild(cache)).toBe(await expected());
    return { cache, entry: onlyEntry(cache) };
  }

  /** Where, in an entry's file, the text stored for `key` lies. */
  function textPlace(entry: string, key: string): number {
    const { texts } = readEntry(entry);
    const index = texts.indexOf(key);
    expect(index % 2).toBe(0);
    return entryLayout(entry).texts.start + Buffer.byteLength(texts.slice(0, index + 1).join(''));
  }

  // Damage in a part read a page at a time, made so that the part read as it is would give a wrong answer: the page's CRC fails, and what it held is made anew.
  it.each([
    [
      "a digit of a window's local start, in the texts",
      async (entry: string) => {
        const window = (await pristine()).windows[0]!;
        return { at: textPlace(entry, `${window.startMs}|${window.local.zone}|iso`), byte: Buffer.from(window.local.start.startsWith('2') ? '3' : '2') };
      },
    ],
    [
      'the rule of the first slice of the first segment, in the timeline',
      async (entry: string) => {
        const { slices } = readEntry(entry);
        const rules = (await pristine()).rules.length;
        return { at: entryLayout(entry).slices.start + 4, byte: Buffer.from(Int32Array.of((slices[1]! + 1) % rules).buffer) };
      },
    ],
  ])('%s changed on disk: restored all the same, nothing wrong in it', async (_name, damage) => {
    const { cache, entry } = await childEntry();
    const { at, byte } = await damage(entry);
    const bytes = readFileSync(entry);
    expect(bytes.subarray(at, at + byte.length)).not.toEqual(byte);
    byte.copy(bytes, at);
    writeFileSync(entry, bytes);
    const written = statSync(entry);

    expect(loadedInChild(cache)).toBe(await expected());
    // Restored, not compiled: the entry was not written again.
    expect(onlyEntry(cache)).toBe(entry);
    expect(statSync(entry).ino).toBe(written.ino);
    expect(statSync(entry).mtimeMs).toBe(written.mtimeMs);
  });

  it('an entry replaced once restored: the pages of the new one are not taken for the old one', async () => {
    const { cache, entry } = await childEntry();
    // Another entry of the same size, well formed, one text used by the windows different (as a compile from edited files could write).
    const other = join(shared.root, 'other-entry');
    writeFileSync(other, readFileSync(entry));
    const window = (await pristine()).windows[0]!;
    editEntry(other, (stored) => {
      const index = stored.texts.indexOf(`${window.startMs}|${window.local.zone}|iso`);
      expect(stored.texts[index + 1]).toBe(window.local.start);
      stored.texts[index + 1] = window.local.start.replace('00:00:00', '00:00:01');
    });
    expect(statSync(other).size).toBe(statSync(entry).size);
    expect(loadedInChild(cache, other)).toBe(await expected());
    expect(readFileSync(entry)).toEqual(readFileSync(other));
  });

  it.each([
    ['elections that are not a list', (stored: StoredEntry) => (stored.cold.elections = 'none')],
    ['a cold part that is not JSON', (stored: StoredEntry) => (stored.rawCold = '{"elections":[')],
  ])('well-hashed %s: restored, and reading the elections says the entry is damaged', async (_name, damage) => {
    const { cache, entry } = cacheWithEntry();
    editEntry(entry, damage);
    const policy = await loadPolicyCached(shared.folder, options(cache));
    expect(compiles()).toBe(0);
    expect(() => policy.elections).toThrow('the policy cache entry is damaged: its elections are not a list');
  });

  it('a folder in place of the entry', async () => {
    const { cache, entry } = cacheWithEntry();
    rmSync(entry);
    mkdirSync(join(entry, 'inside'), { recursive: true });

    const policy = await loadPolicyCached(shared.folder, options(cache));
    expect(compiles()).toBe(1);
    await expectPristine(policy, shared.folder);
    expect(statSync(entry).isDirectory()).toBe(true);
    expect(listing(entry)).toEqual(['inside']);
  });
});

describe('an entry that is not a regular file is never read: compiled afresh and replaced', () => {
  it('a link to a good entry (a link is not followed: entries are only ever renamed into place)', async () => {
    const { folder, cache } = workspace();
    await loadPolicyCached(folder, options(cache));
    const entry = onlyEntry(cache);
    const elsewhere = mkdtempSync(join(tmpdir(), 'blackout-cache-elsewhere-'));
    roots.push(elsewhere);
    const target = join(elsewhere, 'good.policy');
    cpSync(entry, target);
    rmSync(entry);
    symlinkSync(target, entry);
    vi.mocked(loadPolicySync).mockClear();

    const policy = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);
    await expectPristine(policy, folder);
    expect(lstatSync(entry).isFile()).toBe(true);
  });

  // In a child process that must end within 20 s: a FIFO would block it, a device read it without end.
  const CACHE_MODULE = pathToFileURL(join(process.cwd(), 'dist', 'policy-load', 'cache.js')).href;
  function loadInChild(folder: string, cache: string): string {
    const script = `
      const { loadPolicyCached } = await import(${JSON.stringify(CACHE_MODULE)});
      const policy = await loadPolicyCached(${JSON.stringify(folder)}, ${JSON.stringify(options(cache))});
      console.log(policy.sha256);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.signal, 'the load should end on its own').toBeNull();
    expect(run.stderr).toBe('');
    return run.stdout.trim();
  }

  it.each([
    ['a FIFO', (entry: string) => execFileSync('mkfifo', [entry])],
    ['a link to /dev/zero', (entry: string) => symlinkSync('/dev/zero', entry)],
    ['a link to /dev/urandom', (entry: string) => symlinkSync('/dev/urandom', entry)],
  ])('%s in place of the entry', async (_name, plant) => {
    const { folder, cache } = workspace();
    const sha256 = loadInChild(folder, cache);
    const entry = onlyEntry(cache);
    rmSync(entry);
    plant(entry);

    expect(loadInChild(folder, cache)).toBe(sha256);
    expect((await pristine()).sha256).toBe(sha256);
    expect(onlyEntry(cache)).toBe(entry);
    expect(lstatSync(entry).isFile()).toBe(true);
  });
});

/** Whether chmod keeps this process out of a folder (not as root, which it does not stop). */
function chmodDenies(root: string): boolean {
  const probe = join(root, 'probe');
  mkdirSync(probe);
  chmodSync(probe, 0o000);
  try {
    readdirSync(probe);
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(probe, 0o700);
    rmSync(probe, { recursive: true });
  }
}

describe('a cache that cannot be used', () => {
  it('an unreadable cache folder holding an entry (chmod 000, or a path under a regular file where chmod does not deny): compiled, no throw, nothing left', async () => {
    const { root, folder, cache } = workspace();
    await loadPolicyCached(folder, options(cache));
    const before = listing(cache);
    let dir = cache;
    if (chmodDenies(root)) {
      chmodSync(cache, 0o000);
      locked.push(cache);
    } else {
      writeFileSync(join(root, 'plain-file'), 'a file, not a folder\n');
      dir = join(root, 'plain-file', 'cache');
    }

    const policy = await loadPolicyCached(folder, options(dir));
    expect(compiles()).toBe(2);
    await expectPristine(policy, folder);
    for (const path of locked.splice(0)) chmodSync(path, 0o700);
    expect(listing(cache)).toEqual(before);
    expect(listing(root).sort()).toEqual(dir === cache ? ['cache', 'fr'] : ['cache', 'fr', 'plain-file']);
  });

  it('a regular file where the cache folder should be: compiled, the file untouched, nothing beside it', async () => {
    const { root, folder, cache } = workspace();
    writeFileSync(cache, 'not a folder\n');
    const policy = await loadPolicyCached(folder, options(cache));
    await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(2);
    await expectPristine(policy, folder);
    expect(readFileSync(cache, 'utf8')).toBe('not a folder\n');
    expect(listing(root)).toEqual(['cache', 'fr']);
  });

  it('a cache folder under a regular file: compiled each time, no throw', async () => {
    const { root, folder } = workspace();
    writeFileSync(join(root, 'plain-file'), '');
    const dir = join(root, 'plain-file', 'blackout');
    const policy = await loadPolicyCached(folder, options(dir));
    await loadPolicyCached(folder, options(dir));
    expect(compiles()).toBe(2);
    await expectPristine(policy, folder);
    expect(readFileSync(join(root, 'plain-file'), 'utf8')).toBe('');
    expect(listing(root)).toEqual(['fr', 'plain-file']);
  });

  it('an unwritable cache folder (chmod 500, or where chmod does not deny, a file in its place): compiled, no throw, nothing written', async () => {
    const { root, folder, cache } = workspace();
    mkdirSync(cache);
    let dir = cache;
    if (chmodDenies(root)) {
      chmodSync(cache, 0o500);
      locked.push(cache);
    } else {
      dir = join(root, 'cache-file');
      writeFileSync(dir, '');
    }
    const policy = await loadPolicyCached(folder, options(dir));
    await loadPolicyCached(folder, options(dir));
    expect(compiles()).toBe(2);
    await expectPristine(policy, folder);
    expect(listing(cache)).toEqual([]);
    expect(listing(root)).toEqual(dir === cache ? ['cache', 'fr'] : ['cache', 'cache-file', 'fr']);
    if (dir !== cache) expect(readFileSync(dir, 'utf8')).toBe('');
  });

  it('a read-only cache folder still serves the entries it holds', async () => {
    const { root, folder, cache } = workspace();
    await loadPolicyCached(folder, options(cache));
    const entry = onlyEntry(cache);
    if (chmodDenies(root)) {
      chmodSync(cache, 0o500);
      locked.push(cache);
    }
    chmodSync(entry, 0o400);
    const policy = await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);
    await expectPristine(policy, folder);
    expect(onlyEntry(cache)).toBe(entry);
  });

  it('the cache folder is created as needed, private to the user', async () => {
    const { root, folder } = workspace();
    const dir = join(root, 'deep', 'er', 'cache');
    await loadPolicyCached(folder, options(dir));
    const entry = onlyEntry(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(entry).mode & 0o777).toBe(0o600);
  });
});

// --- 4. policy errors ----------------------------------------------------

/** The PolicyError a load rejects with (failing the test when it resolves or rejects with something else). */
async function policyErrorOf(load: Promise<unknown>): Promise<PolicyError> {
  const error: unknown = await load.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isPolicyError(error), String(error)).toBe(true);
  expect(error).toBeInstanceOf(PolicyError);
  return error as PolicyError;
}

/** Line and column (1-based) of `needle` in a file. */
function positionOf(path: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(path, 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(needle));
  expect(line).toBeGreaterThanOrEqual(0);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

function expectIssuesAt(error: PolicyError, issue: Partial<PolicyIssue>): void {
  expect(error.issues).toEqual([expect.objectContaining(issue)]);
  const [only] = error.issues;
  expect(error.message).toContain(`${only!.file}:${only!.line}:${only!.column}: `);
}

describe('a policy with errors', () => {
  it('a schema error: PolicyError at file:line:col, nothing cached; once fixed it loads', async () => {
    const { folder, cache } = workspace();
    const file = join(folder, 'presidentielle-2017.yaml');
    const good = readFileSync(file, 'utf8');
    editFile(file, 'severity: review', 'severity: maybe');

    const error = await policyErrorOf(loadPolicyCached(folder, options(cache)));
    const { line, column } = positionOf(file, 'maybe');
    expectIssuesAt(error, { file, line, column, code: 'schema' });
    expect(error.issues).toEqual((await policyErrorOf(loadPolicy(folder))).issues);
    expect(listing(cache)).toEqual([]);
    // Still an error on the next load: nothing of it was kept.
    expect((await policyErrorOf(loadPolicyCached(folder, options(cache)))).issues).toEqual(error.issues);
    expect(listing(cache)).toEqual([]);

    writeFileSync(file, good);
    const policy = await loadPolicyCached(folder, options(cache));
    await expectPristine(policy, folder);
    onlyEntry(cache);
  });

  it('a YAML syntax error: PolicyError with a position, as without the cache, nothing cached; once fixed it loads', async () => {
    const { folder, cache } = workspace();
    const file = join(folder, 'presidentielle-2017.yaml');
    const good = readFileSync(file, 'utf8');
    editFile(file, '    kind: presidential', '    kind: [presidential');

    const error = await policyErrorOf(loadPolicyCached(folder, options(cache)));
    expectIssuesAt(error, { file, code: 'yaml' });
    expect(error.issues[0]!.line).toBeGreaterThanOrEqual(positionOf(file, 'kind: [presidential').line);
    expect(error.issues[0]!.column).toBeGreaterThan(0);
    expect(error.issues).toEqual((await policyErrorOf(loadPolicy(folder))).issues);
    expect(listing(cache)).toEqual([]);

    writeFileSync(file, good);
    await expectPristine(await loadPolicyCached(folder, options(cache)), folder);
    onlyEntry(cache);
  });

  it('an error brought into a cached policy, in a file it extends: the cached entry is not used', async () => {
    const { folder, cache } = workspace();
    const entry = join(folder, 'presidentielle-2017.yaml');
    const parent = join(folder, 'code-electoral.yaml');
    const good = readFileSync(parent, 'utf8');
    await loadPolicyCached(entry, options(cache));
    editFile(parent, 'severity: block', 'severity: blocker');

    const error = await policyErrorOf(loadPolicyCached(entry, options(cache)));
    const { line, column } = positionOf(parent, 'blocker');
    expectIssuesAt(error, { file: parent, line, column, code: 'schema' });

    writeFileSync(parent, good);
    await expectFresh(await loadPolicyCached(entry, options(cache)), entry);
  });

  it('a missing policy: PolicyError naming it, no cache folder created', async () => {
    const { root, cache } = workspace();
    const missing = join(root, 'nowhere');
    const error = await policyErrorOf(loadPolicyCached(missing, options(cache)));
    expect(error.issues).toEqual([expect.objectContaining({ file: missing, code: 'io' })]);
    expect(existsSync(cache)).toBe(false);
  });
});

describe('the cache folder stays bounded', () => {
  const DAY_SECONDS = 86_400;
  /** An entry of `megabytes` (sparse) last used `days` ago. */
  function staleEntry(cache: string, name: string, megabytes: number, days: number): string {
    const path = join(cache, name);
    writeFileSync(path, '', { mode: 0o600 });
    truncateSync(path, megabytes * 1024 * 1024);
    const seconds = Date.now() / 1000 - days * DAY_SECONDS;
    utimesSync(path, seconds, seconds);
    return path;
  }

  it('an entry written past 64 MiB removes the entries used longest ago, not recent ones', async () => {
    const { folder, cache } = workspace();
    mkdirSync(cache, { mode: 0o700 });
    const old = staleEntry(cache, '0000aaaa.policy', 70, 3);
    const recent = staleEntry(cache, 'code-check-0000bbbb.v8', 1, 0.05);
    await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(listing(cache)).toHaveLength(2);
  });

  it('a restore marks its entry as used (once a day), so that a trim keeps it', async () => {
    const { folder, cache } = workspace();
    await loadPolicyCached(folder, options(cache));
    const entry = onlyEntry(cache);
    const threeDaysAgo = Date.now() / 1000 - 3 * DAY_SECONDS;
    utimesSync(entry, threeDaysAgo, threeDaysAgo);
    await loadPolicyCached(folder, options(cache));
    expect(compiles()).toBe(1);
    expect(Date.now() - statSync(entry).mtimeMs).toBeLessThan(60_000);
  });
});

// --- 5. where the cache is -----------------------------------------------

describe('cacheDir', () => {
  it('BLACKOUT_CACHE_DIR wins', () => {
    expect(cacheDir({ BLACKOUT_CACHE_DIR: '/srv/blackout-cache', XDG_CACHE_HOME: '/xdg', HOME: '/home/someone' })).toBe('/srv/blackout-cache');
  });

  it('then XDG_CACHE_HOME/blackout', () => {
    expect(cacheDir({ XDG_CACHE_HOME: '/xdg/cache' })).toBe(join('/xdg/cache', 'blackout'));
    expect(cacheDir({ BLACKOUT_CACHE_DIR: '', XDG_CACHE_HOME: '/xdg/cache' })).toBe(join('/xdg/cache', 'blackout'));
  });

  it('then ~/.cache/blackout', () => {
    const home = join(homedir(), '.cache', 'blackout');
    expect(cacheDir({})).toBe(home);
    expect(cacheDir({ BLACKOUT_CACHE_DIR: '', XDG_CACHE_HOME: '' })).toBe(home);
  });
});
