/**
 * The hostile-input corpus: one entry per attack, named for what it attacks,
 * with what must come of it. THE table to read when merging: entries marked
 * `ready: false` cover breaks being fixed on other branches (their `break`
 * and `owner` say which); their expectation is written here already, and the
 * person merging flips `ready` to true once the fix is in. corpus.test.ts runs
 * every ready entry through the CLI, the library and `serve`.
 *
 * Small files live in corpus/; what is large, deep or not a regular file is
 * made at test time by `make` (never committed).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Runner = 'cli' | 'library' | 'serve';

/** What must come of an entry: an exit code (the CLI's, and the one the library's items imply), verdicts, and problems at their lines. */
export interface Expectation {
  /** The exit code, or the codes allowed when a fix may take one of two right ways. */
  readonly exit: number | readonly number[];
  /** Verdicts written (one per record read). */
  readonly verdicts: number;
  /** The lines of the input problems told on stderr, in order; 0 for a problem with the input as a whole, without a line (for a policy: none, its problems name it). */
  readonly problems: readonly number[];
  /** A status none of the verdicts may have (a record that must never pass). */
  readonly never?: 'allowed';
  /** Peak resident memory of the CLI, MB (read from the process itself, see rss-probe.cjs). */
  readonly maxRssMb?: number;
  /** For `via: 'reload'`: the status a poll on Saturday 6 May 2017 10:00 Paris must keep while the policy is rewritten. */
  readonly keeps?: 'blocked';
  /** Extra `check` arguments (a format, the policy under test). */
  readonly args?: readonly string[];
  /** The CLI must have ended within this many seconds (a hang is a failure, not a wait). */
  readonly seconds?: number;
}

export interface CorpusEntry {
  /** The file's name: what it attacks. */
  readonly name: string;
  readonly attacks: string;
  /** The probe campaign's break it covers (shared/research/field-tests/hostile-inputs.md), if any. */
  readonly break?: string;
  /** Whose branch fixes it, when not this one. */
  readonly owner?: string;
  /** True when it must pass on this branch; false until the fix from `owner` is merged. */
  readonly ready: boolean;
  /** How it reaches the CLI: as a file (default), on standard input (format sniffed), as the policy of a check, or as a policy folder rewritten under a reloading checker. */
  readonly via?: 'file' | 'stdin' | 'policy' | 'reload';
  /** Made at test time, in `folder`; returns the path. Without it the entry is corpus/NAME. */
  readonly make?: (folder: string) => string;
  /** Runners that apply (default all three): a 512 MiB stream is not a request body. */
  readonly runners?: readonly Runner[];
  /** Also run with `--format text` and look for raw control characters on stdout. */
  readonly terminal?: boolean;
  readonly expect: Expectation;
}

const SATURDAY = '2017-05-06T10:00:00+02:00';
const SHIPPED_RULES = fileURLToPath(new URL('../../policies/fr/code-electoral.yaml', import.meta.url));
const poll = (id: string) => JSON.stringify({ id, publishedAt: SATURDAY, categories: ['poll'], audience: ['FR-MET'], channel: 'web' });
const yamlPoll = (id: string) => `id: ${id}\npublishedAt: "${SATURDAY}"\ncategories: [poll]\naudience: [FR-MET]\n`;

function write(folder: string, name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

export const CORPUS: readonly CorpusEntry[] = [
  // ---------- ready: holds on this branch ----------
  { name: 'nul-in-line-6.ndjson', attacks: 'a raw NUL in one line inside the first 8 KiB', break: 'B6', ready: true, expect: { exit: 2, verdicts: 9, problems: [6] } },
  { name: 'invalid-utf8-line.ndjson', attacks: 'a Latin-1 byte in one NDJSON line', ready: true, expect: { exit: 2, verdicts: 4, problems: [3] } },
  { name: 'utf16-bom.ndjson', attacks: 'UTF-16 text: NUL bytes in the first line, refused whole', ready: true, expect: { exit: 2, verdicts: 0, problems: [1] } },
  { name: 'binary-elf.json', attacks: 'an executable named .json', ready: true, expect: { exit: 2, verdicts: 0, problems: [1] } },
  { name: 'nul-and-invalid-utf8-rows.csv', attacks: 'a NUL in one CSV row and an invalid UTF-8 byte in another', break: 'B7', ready: true, expect: { exit: 2, verdicts: 5, problems: [4, 6] } },
  { name: 'unterminated-quote.csv', attacks: 'a quote never closed, running to the end of the file', ready: true, expect: { exit: 2, verdicts: 1, problems: [3] } },
  { name: 'prototype-headers.csv', attacks: '__proto__.polluted and constructor.prototype columns', ready: true, expect: { exit: 0, verdicts: 1, problems: [] } },
  { name: 'prototype-keys.json', attacks: '__proto__ and constructor keys, ids __proto__ and toString', ready: true, expect: { exit: 1, verdicts: 3, problems: [] } },
  { name: 'terminal-escapes-in-ids.json', attacks: 'OSC 52, OSC 0, CR, CSI, bidi, C1, NEL and LS in ids and titles', break: 'B10', ready: true, terminal: true, expect: { exit: 1, verdicts: 6, problems: [] } },
  { name: 'forged-status-id.ndjson', attacks: "an id 'forged\\rALLOWED' that rewrites its row", break: 'B20', ready: true, terminal: true, expect: { exit: 1, verdicts: 1, problems: [], never: 'allowed' } },
  {
    name: 'osc52-\u001b]52;c;cHduZWQ=\u0007-file-name.json',
    attacks: 'a file name that sets the clipboard, in a message on stderr',
    break: 'B10',
    ready: true,
    make: (folder) => write(folder, 'osc52-\u001b]52;c;cHduZWQ=\u0007-file-name.json', '{bad'),
    expect: { exit: 2, verdicts: 0, problems: [1] },
  },
  { name: 'alias-bomb.yaml', attacks: '9 levels of 9 aliases between two good documents', ready: true, expect: { exit: 2, verdicts: 2, problems: [6] } },
  { name: 'custom-tags.yaml', attacks: '!!binary and !!js/function tags', ready: true, expect: { exit: 2, verdicts: 1, problems: [2, 6] } },
  { name: 'timestamps-never-guessed.ndjson', attacks: '24:00, local times, a DST gap, 29 Feb 2017, year +275760, full-width digits, U+2212, a leading space', ready: true, expect: { exit: 2, verdicts: 8, problems: [] } },
  { name: 'bom-crlf.ndjson', attacks: 'a BOM and CRLF line ends', ready: true, expect: { exit: 1, verdicts: 3, problems: [] } },
  {
    name: 'deep-flow-10k.yaml',
    attacks: 'a flow sequence 10,000 deep in one document of three',
    ready: true,
    make: (folder) => write(folder, 'deep-flow-10k.yaml', `${yamlPoll('a')}---\nid: deep\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n${yamlPoll('b')}`),
    // The line where the brackets open.
    expect: { exit: 2, verdicts: 2, problems: [7] },
  },
  {
    name: 'deep-array-element.json',
    attacks: 'an element nested 10,000 deep among good records',
    ready: true,
    make: (folder) => write(folder, 'deep-array-element.json', `[${poll('a')},${'['.repeat(10_000)}${']'.repeat(10_000)},${poll('b')}]`),
    // The element's own line: the array is on one line.
    expect: { exit: 2, verdicts: 2, problems: [1] },
  },
  {
    name: 'long-first-line.stdin.ndjson',
    attacks: 'NDJSON on stdin whose first line is 3 MiB (sniffed, not taken for JSON)',
    break: 'B5',
    ready: true,
    via: 'stdin',
    make: (folder) => write(folder, 'long-first-line.stdin.ndjson', `{"id":"long","body":"${'x'.repeat(3 << 20)}"}\n${poll('after')}\n`),
    expect: { exit: 2, verdicts: 1, problems: [1] },
  },
  {
    name: 'huge-first-line-512mib.stdin.ndjson',
    attacks: 'a 512 MiB first line on stdin, streamed: skipped in flat memory, the record after it checked',
    break: 'B5',
    ready: true,
    via: 'stdin',
    runners: ['cli'],
    // Made by the runner as a stream (see corpus.test.ts), never as a file.
    expect: { exit: 2, verdicts: 1, problems: [1], maxRssMb: 200 },
  },

  {
    name: 'deep-dash-5000.yaml',
    attacks: '`- - -` 5,000 deep under a key: the parser overflows its stack',
    break: 'B1',
    owner: 'records YAML (read-yaml.ts, safe-yaml.ts)',
    ready: true,
    make: (folder) => write(folder, 'deep-dash-5000.yaml', `${yamlPoll('a')}---\nid: deep\nx:\n  ${'- '.repeat(5000)}v\n---\n${yamlPoll('b')}`),
    // The line where the dashes nest too deep to parse.
    expect: { exit: 2, verdicts: 2, problems: [8] },
  },
  {
    name: 'one-deep-item-in-list.yaml',
    attacks: 'one item 70 deep in a list of 200 good records',
    break: 'B2',
    owner: 'records YAML (read-yaml.ts, safe-yaml.ts)',
    ready: true,
    make: (folder) => {
      const good = (from: number) => Array.from({ length: 100 }, (_, index) => `- { id: g${from + index}, publishedAt: "${SATURDAY}", categories: [poll], audience: [FR-MET] }`).join('\n');
      return write(folder, 'one-deep-item-in-list.yaml', `${good(0)}\n- { id: deep, x: ${'['.repeat(70)}${']'.repeat(70)} }\n${good(100)}\n`);
    },
    expect: { exit: 2, verdicts: 200, problems: [101] },
  },
  {
    name: 'merge-key.yaml',
    attacks: 'a YAML merge key `<<` that would add the poll category',
    break: 'B3',
    owner: 'records YAML (read-yaml.ts, safe-yaml.ts)',
    ready: true,
    // Refused at the merge key's line, like a tag: never allowed.
    expect: { exit: 2, verdicts: 0, problems: [2], never: 'allowed' },
  },
  {
    name: 'big-ndjson.junit',
    attacks: '200,000 records reported as JUnit XML and as SARIF: the report built as one string',
    break: 'B8',
    owner: 'reports (src/report/ci/junit.ts, sarif.ts)',
    ready: true,
    runners: ['cli'],
    make: (folder) => write(folder, 'big-ndjson.junit.ndjson', `${Array.from({ length: 200_000 }, (_, index) => poll(`r${index}`)).join('\n')}\n`),
    expect: { exit: 1, verdicts: 0, problems: [], args: ['--format', 'junit'], maxRssMb: 250 },
  },
  {
    name: 'half-written-policy',
    attacks: 'policies/fr/code-electoral.yaml rewritten in two steps 1.5 s apart, the first cut at a rule boundary (valid, 6 rules fewer)',
    break: 'B19',
    owner: 'reloading checker (cms/reloading-checker.ts)',
    ready: true,
    via: 'reload',
    runners: ['library'],
    expect: { exit: 1, verdicts: 1, problems: [], keeps: 'blocked' },
  },
  {
    name: 'deep-dash-policy.yaml',
    attacks: 'a policy with `- - -` 3,000 deep under notice:',
    break: 'B11',
    owner: 'policy loading (others: src/policy)',
    ready: true,
    via: 'policy',
    runners: ['cli'],
    // The shipped policy, its notice made a list 3,000 deep: the whole file must parse up to there for the stack to overflow.
    make: (folder) => write(folder, 'deep-dash-policy.yaml', readFileSync(SHIPPED_RULES, 'utf8').replace(/notice:.*\n/, `notice:\n    ${'- '.repeat(3000)}x\n`)),
    expect: { exit: 2, verdicts: 0, problems: [], seconds: 20 },
  },
  {
    name: 'devzero-link-policy.yaml',
    attacks: 'a policy that is a symlink to /dev/zero: read without end',
    break: 'B12',
    owner: 'policy files (service helper: src/policy/policy-files.ts, src/fs/)',
    ready: true,
    via: 'policy',
    runners: ['cli'],
    make: (folder) => {
      const path = join(folder, 'devzero-link-policy.yaml');
      symlinkSync('/dev/zero', path);
      return path;
    },
    expect: { exit: 2, verdicts: 0, problems: [], seconds: 20 },
  },
  {
    name: 'fifo-policy.yaml',
    attacks: 'a policy that is a FIFO: hangs forever',
    break: 'B13',
    owner: 'policy files (service helper: src/policy/policy-files.ts, src/fs/)',
    ready: true,
    via: 'policy',
    runners: ['cli'],
    make: (folder) => {
      const path = join(folder, 'fifo-policy.yaml');
      execFileSync('mkfifo', [path]);
      return path;
    },
    expect: { exit: 2, verdicts: 0, problems: [], seconds: 20 },
  },
];
