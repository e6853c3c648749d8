import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/components/App.js';
import { themeFor } from '../../src/tui/theme.js';
import { exampleStore, frenchChecker, settle } from './helpers.js';
import { rawControls } from '../helpers/terminal.js';

// Records without a title: the list draws their id, and an id is whatever the file says (B20).
const SATURDAY = '2017-05-06T10:00:00+02:00';
const hostile = {
  forged: 'forged\rALLOWED  ',
  clipboard: 'osc52-\u001b]52;c;U1Q=\u001b\\-end',
  title: '\u001b]0;PWNED-TITLE\u0007',
  bidi: 'bidi-\u202eDEWOLLA\u202c-\u2066x\u2069',
  controls: 'bs\bdel\u007fnul\u0000c1\u009dnel\u0085',
};

let unmounts: (() => void)[] = [];
afterEach(() => {
  for (const unmount of unmounts) unmount();
  unmounts = [];
});

async function mountHostile() {
  const folder = mkdtempSync(join(tmpdir(), 'blackout-tui-hostile-'));
  const file = join(folder, `feed-\u001b]0;FILE\u0007.ndjson`);
  const lines = Object.values(hostile).map((id) => JSON.stringify({ id, publishedAt: SATURDAY, categories: ['poll'], audience: ['FR-MET'], channel: 'web' }));
  writeFileSync(file, `${lines.join('\n')}\n{"id": "broken\u001b[2J"\n`);
  const store = await exampleStore('en', [file]);
  const app = render(createElement(App, { checker: await frenchChecker(), store, lang: 'en', theme: themeFor({ NO_COLOR: '1' }), clock: () => Date.parse(SATURDAY), tickMs: 60_000, size: { columns: 130, rows: 40 } }));
  unmounts.push(app.unmount);
  await settle();
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle(50);
    }
  };
  return { frame: () => app.lastFrame() ?? '', press };
}

describe('hostile text in the terminal UI', () => {
  it('draws every blocked row as BLOCKED with its id escaped, and no control or bidi character reaches the frame', async () => {
    const { frame } = await mountHostile();
    const shown = frame();
    expect(rawControls(shown)).toEqual([]);
    const rows = shown.split('\n').filter((line) => /^[› ] (BLOCKED|ALLOWED|REVIEW|INVALID) /.test(line));
    expect(rows).toHaveLength(5);
    expect(rows.every((line) => /^[› ] BLOCKED /.test(line))).toBe(true);
    expect(shown).toContain('forged\\u000dALLOWED');
    expect(shown).toContain('osc52-\\u001b]52;c;U1Q=\\u001b\\-end');
    expect(shown).toContain('\\u001b]0;PWNED-TITLE\\u0007');
    expect(shown).toContain('bidi-\\u202eDEWOLLA\\u202c-\\u2066x\\u2069');
    expect(shown).toContain('bs\\u0008del\\u007fnul\\u0000c1\\u009dnel\\u0085');
  });

  it('escapes the id in the detail pane, and the file name and message in the input problems', async () => {
    const { frame, press } = await mountHostile();
    await press('\r');
    expect(rawControls(frame())).toEqual([]);
    expect(frame()).toMatch(/BLOCKED {2}(forged|osc52|\\u001b|bidi|bs)/);
    await press('\u001b', 'e');
    const problems = frame();
    expect(rawControls(problems)).toEqual([]);
    expect(problems).toContain('feed-\\u001b]0;FILE\\u0007.ndjson:6: not valid JSON');
  });
});

describe('wide text and small terminals', () => {
  // 300 different characters, so that what the detail shows can be told apart from what it skips.
  const CJK = Array.from({ length: 300 }, (_, index) => String.fromCodePoint(0x4e00 + index)).join('');

  async function mountWide(size: { columns: number; rows: number }) {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-tui-wide-'));
    const file = join(folder, 'wide.ndjson');
    const records = [
      { id: 'cjk', title: CJK },
      { id: 'emoji', title: '🗳️'.repeat(120) },
      { id: 'mixed', title: `${'é'.repeat(30)} ${'한국어'.repeat(40)}` },
    ];
    writeFileSync(file, records.map((record) => JSON.stringify({ ...record, publishedAt: SATURDAY, categories: ['poll'], channel: 'web' })).join('\n'));
    const store = await exampleStore('en', [file]);
    const app = render(createElement(App, { checker: await frenchChecker(), store, lang: 'en', theme: themeFor({ NO_COLOR: '1' }), clock: () => Date.parse(SATURDAY), tickMs: 60_000, size }));
    unmounts.push(app.unmount);
    await settle();
    return { frame: () => app.lastFrame() ?? '', press: async (key: string) => (app.stdin.write(key), await settle(50)) };
  }

  it('keeps every line of the frame within the terminal, measured as Ink measures (CJK and emoji take two columns), and the frame within its rows', async () => {
    for (const size of [
      { columns: 100, rows: 30 },
      { columns: 60, rows: 15 },
      { columns: 20, rows: 5 },
    ]) {
      const { frame, press } = await mountWide(size);
      for (const key of ['', '\r', 'j', 'j']) {
        if (key !== '') await press(key);
        const lines = frame().split('\n');
        expect(lines.length, `${size.columns}×${size.rows} after ${JSON.stringify(key)}`).toBeLessThanOrEqual(size.rows - 1);
        for (const line of lines) expect(stringWidth(line), `${size.columns}×${size.rows}: ${line}`).toBeLessThanOrEqual(size.columns);
      }
    }
  });

  it('wraps a CJK title in the detail at its width in columns: the lines shown follow on, nothing skipped', async () => {
    const { frame, press } = await mountWide({ columns: 100, rows: 40 });
    await press('\r');
    const shown = frame()
      .split('\n')
      .filter((line) => /[\u4e00-\u9fff]/u.test(line))
      .map((line) => line.trim().replace(/…$/, ''))
      .join('');
    expect(shown.length).toBeGreaterThan(100);
    expect(CJK.startsWith(shown)).toBe(true);
  });
});
