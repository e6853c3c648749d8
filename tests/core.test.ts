/**
 * blackout/core is the library for a browser: bundled by esbuild for the
 * browser, it must hold no node: module, and, run where there is no
 * require, process or Buffer, give the verdicts the Node library gives.
 */
import { readFileSync } from 'node:fs';
import { runInContext, createContext } from 'node:vm';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import * as core from '../src/core.js';
import { createChecker, loadPolicy, type Checker, type Verdict } from '../src/index.js';

const PRESIDENTIELLE = 'policies/fr/presidentielle-2017.yaml';
const texts = {
  'presidentielle-2017.yaml': readFileSync(PRESIDENTIELLE, 'utf8'),
  'code-electoral.yaml': readFileSync('policies/fr/code-electoral.yaml', 'utf8'),
};

const RECORDS = [
  { id: 'poll-saturday', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] },
  // A local time with its zone: luxon places it.
  { id: 'local-time', publishedAt: '2017-05-06T12:30:00', zone: 'America/Guadeloupe', categories: ['propaganda'], audience: ['GP'] },
  { id: 'friday', publishedAt: '2017-05-05T10:00:00+02:00', categories: ['propaganda'], audience: ['FR-MET'] },
  // No category: the results detector reads the title.
  { id: 'results-title', publishedAt: '2017-05-07T19:00:00+02:00', title: 'Les premiers résultats à 19 h' },
  { id: 'dst-gap', publishedAt: '2017-03-26T02:30:00', zone: 'Europe/Paris', categories: ['poll'] },
  { id: 'bad', publishedAt: 17 },
];

interface Bundle {
  readonly text: string;
  readonly metafile: Metafile;
}

async function bundle(entry: string | { contents: string }, format: 'esm' | 'iife'): Promise<Bundle> {
  const input = typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' as const } };
  const result = await build({ ...input, bundle: true, platform: 'browser', format, globalName: 'blackoutCore', write: false, metafile: true, logLevel: 'silent' });
  return { text: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** The bundle run in a context of its own: a browser's web globals, no require, process, Buffer or module. */
function runBundle(text: string): typeof core {
  const context = createContext({ TextEncoder, TextDecoder, URL, console });
  runInContext(`${text}\nglobalThis.blackoutCore = blackoutCore;`, context);
  expect(runInContext('[typeof require, typeof process, typeof Buffer, typeof module]', context)).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  return context.blackoutCore as typeof core;
}

/** A verdict as it crosses a realm or the wire: plain JSON. */
const plain = (verdict: Verdict): unknown => JSON.parse(JSON.stringify(verdict));

let esm: Bundle;
let node: Checker;
beforeAll(async () => {
  esm = await bundle('src/core.ts', 'esm');
  node = createChecker(await loadPolicy(PRESIDENTIELLE));
});

describe('blackout/core', () => {
  it('exports exactly these runtime names (a change here is a change of contract)', () => {
    expect(Object.keys(core).sort()).toEqual([
      'BlackoutError',
      'PUBLICATION_BLOCKED',
      'PolicyError',
      'PublicationBlockedError',
      'UsageError',
      'assertPublishable',
      'createChecker',
      'formatIssue',
      'isBlackoutError',
      'isPolicyError',
      'isPublicationBlockedError',
      'loadPolicyFromText',
      'nextLawfulTime',
    ]);
  });

  it('bundles for the browser with no node: module, where the main entry cannot', async () => {
    const imported = Object.values(esm.metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path));
    expect(imported.filter((path) => path.startsWith('node:'))).toEqual([]);
    expect(esm.text).not.toMatch(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']node:/);
    expect(Object.keys(esm.metafile.inputs).filter((input) => /node_modules\/(luxon|yaml|ajv)\//.test(input)).length).toBeGreaterThan(3);
    await expect(bundle('src/index.ts', 'esm')).rejects.toThrow(/Could not resolve "node:/);
    // What the package publishes as blackout/core, built by tsc from the same sources.
    const published = JSON.parse(readFileSync('package.json', 'utf8')).exports['./core'].default;
    expect((await bundle(published, 'esm')).text).not.toMatch(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']node:/);
  });

  it('compiles a policy from text (extends given in files) to the policy the Node library loads from disk', () => {
    const policy = core.loadPolicyFromText(texts['presidentielle-2017.yaml'], { name: 'presidentielle-2017.yaml', files: { 'code-electoral.yaml': texts['code-electoral.yaml'] } });
    expect(policy.sha256).toBe(node.policy.sha256);
    expect(policy.windows.map((window) => window.utc)).toEqual(node.policy.windows.map((window) => window.utc));
  });

  it('refuses an extends it was not given, naming the file and what to do', () => {
    expect(() => core.loadPolicyFromText(texts['presidentielle-2017.yaml'], { name: 'presidentielle-2017.yaml' })).toThrow(
      /presidentielle-2017\.yaml:2:\d+: cannot read 'code-electoral\.yaml': no such file among the texts given \(no file is read from disk: pass its text in the `files` option\)/,
    );
  });

  it('run in a context without require, process or Buffer, gives the Node library\'s verdicts and policy hash', async () => {
    const browser = runBundle((await bundle('src/core.ts', 'iife')).text);
    const policy = browser.loadPolicyFromText(texts['presidentielle-2017.yaml'], { name: 'presidentielle-2017.yaml', files: { 'code-electoral.yaml': texts['code-electoral.yaml'] } });
    // Hashed by the bundle's own sha256: there is no node:crypto in that context.
    expect(policy.sha256).toBe(node.policy.sha256);
    const checker = browser.createChecker(policy);
    for (const lang of ['en', 'fr']) {
      for (const at of [undefined, '2017-05-06T21:00:00Z']) {
        const options = at === undefined ? { lang } : { at, lang };
        expect(RECORDS.map((record) => plain(checker.check(record, options)))).toEqual(RECORDS.map((record) => plain(node.check(record, options))));
      }
    }
    expect(RECORDS.map((record) => checker.check(record).status)).toEqual(['blocked', 'blocked', 'allowed', 'review', 'invalid', 'invalid']);
  });

  it('guards a publication in that context as the Node library does', async () => {
    const browser = runBundle((await bundle('src/core.ts', 'iife')).text);
    const checker = browser.createChecker(browser.loadPolicyFromText(texts['presidentielle-2017.yaml'], { name: 'presidentielle-2017.yaml', files: { 'code-electoral.yaml': texts['code-electoral.yaml'] } }));
    let thrown: unknown;
    try {
      browser.assertPublishable(checker, RECORDS[0], { lang: 'fr' });
    } catch (error) {
      thrown = error;
    }
    expect(browser.isPublicationBlockedError(thrown)).toBe(true);
    expect(core.isPublicationBlockedError(thrown)).toBe(true);
    expect((thrown as core.PublicationBlockedError).earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
    expect(browser.nextLawfulTime(checker, RECORDS[0])).toBe('2017-05-07T18:00:00.000Z');
  });

  it('carries the Decap example into an admin page: bundled for the browser, it refuses a poll on the Saturday', async () => {
    const page = await bundle(
      { contents: "export { blackoutPrePublish } from './examples/cms/decap-listener.ts';\nexport * from './src/core.ts';" },
      'iife',
    );
    expect(page.text).not.toMatch(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']node:/);
    // Typed here, not imported: the example's types need the CMS packages (examples/cms/package.json).
    type Listener = { handler(event: { entry: unknown; author: unknown }): unknown };
    const browser = runBundle(page.text) as typeof core & { blackoutPrePublish(options: { checker: core.Checker; now: () => number }): Listener };
    const checker = browser.createChecker(browser.loadPolicyFromText(texts['presidentielle-2017.yaml'], { name: 'presidentielle-2017.yaml', files: { 'code-electoral.yaml': texts['code-electoral.yaml'] } }));
    const listener = browser.blackoutPrePublish({ checker, now: () => Date.parse('2017-05-06T08:00:00Z') });
    // Decap's entry is an Immutable.js map: what the listener reads of it.
    const fields = { collection: 'posts', slug: 'sondage', data: { toJS: () => ({ title: 'Sondage', electoral_categories: ['poll'] }) } };
    const entry = { get: (key: keyof typeof fields) => fields[key] };
    expect(() => listener.handler({ entry, author: { login: 'redaction', name: 'Rédaction' } })).toThrow(/^Publication bloquée : Aucun sondage/);
  });
});
