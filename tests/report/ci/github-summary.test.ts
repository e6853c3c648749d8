/**
 * GitHub's job summary ($GITHUB_STEP_SUMMARY): a Markdown table of every
 * annotation of a record, read back with a CommonMark parser that has GFM
 * tables (markdown-it), so that what a reader sees is what is checked:
 * cells, their text, and no markup made of record ids.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import MarkdownIt from 'markdown-it';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReport, type FormatContext, type JobSummary } from '../../../src/report/index.js';
import { STEP_SUMMARY_BYTES } from '../../../src/cli/options/job-summary.js';
import { printable } from '../../../src/text/printable.js';
import { runCli } from '../../helpers/cli.js';
import { checked, context, HOSTILE_ID, notesOf, records, unread } from '../verdicts.js';

const md = new MarkdownIt();
const EXAMPLE = fileURLToPath(new URL('../../../examples/macronleaks/records.json', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'blackout-job-summary-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A sink that keeps what it is given, with the room asked for; `fails` makes every append fail. */
function sink(room = STEP_SUMMARY_BYTES, fails = false): JobSummary & { written: string[] } {
  const written: string[] = [];
  return { room, written, append: (markdown) => (fails ? false : (written.push(markdown), true)) };
}

/** The text of an inline token, refusing any markup in it: a cell must be plain text. */
function plainText(token: { children: { type: string; content: string }[] | null }): string {
  const markup = (token.children ?? []).filter((child) => child.type !== 'text');
  expect(markup.map((child) => child.type)).toEqual([]);
  return (token.children ?? []).map((child) => child.content).join('');
}

/** The rendered document: its table (header and rows, each cell's text) and its paragraphs and list items as text. */
function read(markdown: string): { header: string[]; rows: string[][]; paragraphs: string[]; items: string[] } {
  const tokens = md.parse(markdown, {});
  const header: string[] = [];
  const rows: string[][] = [];
  const paragraphs: string[] = [];
  const items: string[] = [];
  let inList = false;
  let heading = false;
  let cell: 'th' | 'td' | undefined;
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') heading = token.type === 'heading_open';
    if (heading) continue;
    if (token.type === 'bullet_list_open') inList = true;
    if (token.type === 'bullet_list_close') inList = false;
    if (token.type === 'tr_open' && header.length > 0) rows.push([]);
    if (token.type === 'th_open' || token.type === 'td_open') cell = token.type === 'th_open' ? 'th' : 'td';
    if (token.type !== 'inline') continue;
    if (cell === 'th') header.push(plainText(token));
    else if (cell === 'td') rows.at(-1)!.push(plainText(token));
    else if (inList) items.push(plainText(token));
    else paragraphs.push(plainText(token));
    if (token.type === 'inline') cell = undefined;
  }
  return { header, rows, paragraphs, items };
}

/** The github report with a job summary, and what was appended to it. */
async function withSummary(list: readonly unknown[], options: Parameters<typeof checked>[1] = {}, extra: Partial<FormatContext> = {}, jobSummary = sink()) {
  const { policy, results } = await checked(list, options);
  const out = formatReport('github', { policy, results }, context(policy, { jobSummary, ...extra }));
  return { out, written: jobSummary.written, policy, results };
}

describe('github format: the job summary', () => {
  it('writes a row per annotation of a record: id, status, rule, why, regions, earliest lawful time in the policy’s zone, file:line', async () => {
    const { out, written } = await withSummary([records.blocked, records.review, records.allowed, records.invalid], {
      sources: [{ file: 'drafts.ndjson', index: 0, line: 1 }, { file: 'drafts.ndjson', index: 1, line: 2 }, { file: 'drafts.ndjson', index: 2, line: 3 }, { file: 'export.json', index: 0, line: 4, column: 3 }],
    });
    expect(written).toHaveLength(1);
    const { header, rows, paragraphs } = read(written[0]!);
    expect(header).toEqual(['Record', 'Status', 'Rule', 'Why', 'Regions', 'Earliest lawful time (Europe/Paris)', 'Where']);
    expect(rows.map(([id, status, rule, , , earliest, where]) => [id, status, rule, earliest, where])).toEqual([
      ['poll', 'blocked', 'fr.loi77-808.art11.polls', 'Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)', 'drafts.ndjson:1'],
      ['leak', 'review', 'fr.cnccep.2017-05-macronleaks', '—', 'drafts.ndjson:2'],
      ['bad', 'invalid', 'blackout/invalid-record', '—', 'export.json:4:3'],
    ]);
    expect(rows[0]![3]).toMatch(/^No poll about the election may be published/);
    expect(rows[0]![4]!.split(', ')).toContain('FR-MET');
    expect(rows[1]![4]).toBe('FR-MET');
    expect(rows[2]![3]).toMatch(/^categories\[0\]: .*nope/);
    expect(paragraphs.slice(0, 2)).toEqual([
      '4 records: 1 blocked, 1 to review, 1 allowed, 1 invalid.',
      'blackout wrote 2 errors and 1 warning as annotations; GitHub shows at most 10 of each kind per step: this summary lists every one.',
    ]);
    // One annotation per row, and the last notice points at the summary.
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '::notice title=blackout/summary::blackout wrote 2 errors and 1 warning as annotations; GitHub shows at most 10 of each kind per step: the job summary lists every one.',
    );
  });

  it('gives the earliest lawful time in the reader’s zone (--display-zone)', async () => {
    const { written, results } = await withSummary([records.blocked], {}, { displayZone: 'America/New_York' });
    const { header, rows } = read(written[0]!);
    expect(header[5]).toBe('Earliest lawful time (America/New_York)');
    const earliest = DateTime.fromISO(results[0]!.verdict.earliestAllowedAt!, { zone: 'America/New_York' });
    expect(earliest.toFormat('HH:mm')).toBe('14:00');
    expect(rows[0]![5]).toBe(`${earliest.toFormat('ccc d LLL yyyy HH:mm', { locale: 'en' })} America/New_York (18:00 UTC)`);
  });

  it('shows hostile ids and file names as written: one cell each, no markup, no HTML, no line break', async () => {
    const forged = '| x | y |\n**bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)> `code` :smile: &amp; _em_ ~~s~~ \\| #1';
    const { written } = await withSummary([records.hostile, { ...records.blocked, id: forged }], {
      sources: [{ file: 'we|ird [dir]/<a>.json', index: 0, line: 1 }, { file: 'we|ird [dir]/<a>.json', index: 1, line: 2 }],
    });
    const { rows } = read(written[0]!);
    expect(rows.map((row) => row.length)).toEqual([7, 7, 7]);
    expect(rows.map((row) => row[0])).toEqual([printable(HOSTILE_ID), printable(HOSTILE_ID), printable(forged)]);
    expect(rows.map((row) => row[6])).toEqual(['we|ird [dir]/<a>.json:1', 'we|ird [dir]/<a>.json:1', 'we|ird [dir]/<a>.json:2']);
    const html = md.render(written[0]!);
    expect(html).not.toMatch(/<(a|img|em|strong|code|s|script)\b/);
    expect(written[0]).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it('lists the input problems and the skipped items after the table', async () => {
    const { policy, results } = await checked([records.blocked]);
    const jobSummary = sink();
    formatReport('github', { policy, results, inputs: notesOf([unread.badLine, unread.missing, unread.draft, unread.org], 1) }, context(policy, { jobSummary }));
    const { items, paragraphs } = read(jobSummary.written[0]!);
    expect(items).toEqual(["feed.ndjson:4: not valid JSON: Unexpected token 'b'", '… and 1 more, not listed here (each is in the step’s log).']);
    expect(paragraphs).toContain('2 input problems (not read, so not checked):');
    expect(paragraphs).toContain('2 skipped (knowingly not checked): 1 file of a kind not read: … and 1 more, not listed; 1 draft: content/posts/draft.md');
  });

  it('says a clean run is clean, and annotates nothing', async () => {
    const { out, written } = await withSummary([records.allowed]);
    expect(out).toBe('');
    const { rows, paragraphs } = read(written[0]!);
    expect(rows).toEqual([]);
    expect(paragraphs).toContain('Nothing at fault: no record blocked, to review or invalid.');
  });

  it('stays within the room GitHub leaves, says how many rows it left out, and the notice says so', async () => {
    const many = Array.from({ length: 60 }, (_, n) => ({ ...records.blocked, id: `poll-${n}` }));
    const room = 12_000;
    const jobSummary = sink(room);
    const { out } = await withSummary(many, {}, {}, jobSummary);
    const markdown = jobSummary.written[0]!;
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(room);
    const { rows, paragraphs } = read(markdown);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows.map((row) => row[0])).toEqual(many.slice(0, rows.length).map((record) => record.id));
    expect(paragraphs).toContain(`… and ${60 - rows.length} more annotations, not listed: GitHub keeps 1 MiB of a step’s summary (each is in the step’s log).`);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      `::notice title=blackout/summary::blackout wrote 60 errors and 0 warnings as annotations; GitHub shows at most 10 of each kind per step: the job summary lists ${rows.length} of 60 (GitHub keeps 1 MiB of a step’s summary); the step’s log has every one.`,
    );
  });

  it('writes nothing when not even the head fits, and says so; says so too when the write fails', async () => {
    const tiny = sink(200);
    const { out } = await withSummary([records.blocked], {}, {}, tiny);
    expect(tiny.written).toEqual([]);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/: the job summary had no room left \(GitHub keeps 1 MiB of a step’s summary\); the step’s log has every one\.$/);
    const failing = await withSummary([records.blocked], {}, {}, sink(STEP_SUMMARY_BYTES, true));
    expect(failing.out.trimEnd().split('\n').at(-1)).toMatch(/: the job summary could not be written \(see standard error\); the step’s log has every one\.$/);
  });

  it('speaks French with --lang fr', async () => {
    const { out, written } = await withSummary([records.blocked], { lang: 'fr' }, { lang: 'fr' });
    const { header, rows } = read(written[0]!);
    expect(header).toEqual(['Publication', 'Statut', 'Règle', 'Motif', 'Régions', 'Au plus tôt (Europe/Paris)', 'Emplacement']);
    expect(rows[0]![1]).toBe('bloqué');
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '::notice title=blackout/summary::blackout a écrit 1 erreur et 0 avertissement en annotations ; GitHub en montre au plus 10 de chaque sorte par étape : le résumé du job les liste toutes.',
    );
  });
});

describe('blackout check --format github with GITHUB_STEP_SUMMARY', () => {
  it('appends the summary to the file the runner gives, after what the step wrote there', async () => {
    const path = join(folder, 'step-summary.md');
    writeFileSync(path, '# Earlier in this step\n\n');
    const { code, stdout } = await runCli(['check', EXAMPLE, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: path } });
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(14);
    expect(lines.filter((line) => line.startsWith('::warning '))).toHaveLength(4);
    expect(lines.at(-1)).toBe(
      '::notice title=blackout/summary::blackout wrote 14 errors and 4 warnings as annotations; GitHub shows at most 10 of each kind per step: the job summary lists every one.',
    );
    const markdown = readFileSync(path, 'utf8');
    expect(markdown.startsWith('# Earlier in this step\n\n### blackout')).toBe(true);
    const { rows } = read(markdown);
    // Every annotation of a record is a row: the four that GitHub does not show included.
    expect(rows).toHaveLength(18);
    expect(rows.filter((row) => row[1] === 'blocked')).toHaveLength(14);
  });

  it('without the variable, writes no summary and ends with the notice; when the file cannot be written, says so and keeps the exit code', async () => {
    const plain = await runCli(['check', EXAMPLE, '--format', 'github'], { env: {} });
    expect(plain.stdout.trimEnd().split('\n').at(-1)).toMatch(/^::notice title=blackout\/summary::blackout wrote 14 errors and 4 warnings as annotations; .*: the step’s log has every one\.$/);
    const dir = join(folder, 'a-folder');
    mkdirSync(dir);
    const broken = await runCli(['check', EXAMPLE, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: dir } });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`blackout: cannot write the job summary to ${dir} (EISDIR); the annotations are written all the same`);
    expect(broken.stdout.trimEnd().split('\n').at(-1)).toMatch(/: the job summary could not be written \(see standard error\); the step’s log has every one\.$/);
  });

  it('leaves a full summary file as it is (GitHub would drop the whole of it past 1 MiB)', async () => {
    const path = join(folder, 'full.md');
    writeFileSync(path, 'x'.repeat(STEP_SUMMARY_BYTES - 500));
    const { stdout } = await runCli(['check', EXAMPLE, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: path } });
    expect(readFileSync(path, 'utf8')).toHaveLength(STEP_SUMMARY_BYTES - 500);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/: the job summary had no room left/);
  });
});
