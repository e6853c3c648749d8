import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checker } from '../../src/engine/checker.js';
import { App, type AppProps, type Update } from '../../src/tui/components/App.js';
import { KEY_HELP } from '../../src/tui/keys.js';
import { messagesFor } from '../../src/tui/messages.js';
import { themeFor } from '../../src/tui/theme.js';
import { newStore } from '../../src/tui/session.js';
import { progressOf, UpdateFeed } from '../../src/tui/updates.js';
import { exampleRows, exampleStore, frenchChecker, FRIDAY_23H, settle } from './helpers.js';

const ESC = '\u001b';
const DOWN = '\u001b[B';
const UP = '\u001b[A';
const ENTER = '\r';
let unmounts: (() => void)[] = [];
afterEach(() => {
  for (const unmount of unmounts) unmount();
  unmounts = [];
});

/** A checker that counts its checks, to prove what does not re-check. */
function counting(checker: Checker): Checker & { checks: number } {
  const counted = {
    policy: checker.policy,
    checks: 0,
    check: (record: unknown, options?: Parameters<Checker['check']>[1]) => {
      counted.checks++;
      return checker.check(record, options);
    },
    checkAll: (records: Iterable<unknown>, options?: Parameters<Checker['checkAll']>[1]) => {
      counted.checks++;
      return checker.checkAll(records, options);
    },
  };
  return counted;
}

async function mount(props: Partial<AppProps> = {}) {
  const checker = props.checker ?? (await frenchChecker());
  const store = props.store ?? (await exampleStore(props.lang ?? 'en'));
  const app = render(
    createElement(App, {
      checker,
      store,
      lang: 'en',
      theme: themeFor({}),
      clock: () => FRIDAY_23H,
      tickMs: 60_000,
      size: { columns: 100, rows: 30 },
      ...props,
    }),
  );
  unmounts.push(app.unmount);
  await settle();
  const frame = () => app.lastFrame() ?? '';
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle(50);
    }
  };
  return { app, frame, press };
}

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('› '));

describe('the first frame', () => {
  it('shows the policy, the nearest election, each group’s live state, the timeline, the list and the key hints', async () => {
    const { frame } = await mount();
    const lines = frame().split('\n');
    expect(lines[0]).toBe('blackout · fr 2026.11.0 · 2017 presidential election · t2 · now Fri 5 May 23:00 Europe/Paris');
    expect(lines[1]).toBe('Silence in force in every region but Mainland France and Corsica, ends in 1 d 21 h (Sun 7 May 20:00…');
    expect(lines[2]).toBe('Silence starts in Mainland France and Corsica in 1 h (Sat 6 May 00:00 Europe/Paris)');
    expect(lines[3]).toMatch(/^ +\|Fri 5 +\|Sat 6 +\|Sun 7/);
    expect(lines[4]).toMatch(/^PM +░*█+│█+$/);
    expect(frame()).toContain('GP, MQ, BL, MF');
    expect(frame()).toContain('status: all · region: all · time: Europe/Paris · 27/27 records');
    expect(frame()).toContain('  status    time             audience   channel  categories     title');
    expect(selectedLine(frame())).toBe('› BLOCKED   Fri 05 May 16:00 default    web      poll           Dernière enquête d\'opinion avant le…');
    expect(lines.at(-1)).toBe(messagesFor('en').hints);
    // 30 rows: the frame is one line shorter, so the terminal never scrolls.
    expect(lines).toHaveLength(29);
  });

  it('speaks French with --lang fr', async () => {
    const { frame } = await mount({ lang: 'fr' });
    expect(frame()).toContain('Silence dans 1 h : France métropolitaine et Corse (sam. 6 mai 00:00 Europe/Paris)');
    expect(frame()).toContain('statut : tous · région : toutes · heure : Europe/Paris · 27/27 publications');
    expect(selectedLine(frame())).toContain('BLOQUÉ');
  });

  it('fits 80×24 and puts the detail beside the list from 140 columns', async () => {
    const small = await mount({ size: { columns: 80, rows: 24 } });
    const lines = small.frame().split('\n');
    expect(lines).toHaveLength(23);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    const wide = await mount({ size: { columns: 160, rows: 40 } });
    await wide.press(ENTER);
    const header = wide.frame().split('\n').find((line) => line.startsWith('  status    time'))!;
    expect(header).toMatch(/ title .* BLOCKED {2}ml-15-poll-published-friday-afternoon$/);
    expect(selectedLine(wide.frame())).toMatch(/^› BLOCKED .* Dernière enquête d'opinion avant le second tour$/);
  });
});

describe('keys', () => {
  it('moves the selection with arrows and j/k, and the timeline cursor follows', async () => {
    const { frame, press } = await mount();
    const cursorColumn = () => frame().split('\n').find((line) => /^ *\^$/.test(line))!.length;
    const before = cursorColumn();
    await press('j', 'j', 'j', 'j');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
    expect(cursorColumn()).toBeGreaterThan(before);
    await press(UP);
    expect(selectedLine(frame())).toContain('Fri 05 May 20:30');
    await press(DOWN, 'k');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:30');
    await press('G');
    expect(selectedLine(frame())).toContain('Sun 07 May 20:00');
    await press('g');
    expect(selectedLine(frame())).toContain('Fri 05 May 16:00');
  });

  it('opens the detail with Enter and closes it with Esc', async () => {
    const { frame, press } = await mount();
    await press('jjjj', ENTER);
    expect(frame()).toContain('BLOCKED  ml-02-4chan-post');
    expect(frame()).toContain('✖ fr.l49.propaganda · Code électoral, art. L49, al. 2');
    expect(frame()).toContain('earliest allowed: Sun 7 May 20:00 Europe/Paris · 2017-05-07T18:00:00.000Z');
    await press(ESC);
    expect(frame()).not.toContain('earliest allowed');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
  });

  it('scrolls a long detail with ] and [', async () => {
    const { frame, press } = await mount({ size: { columns: 100, rows: 24 } });
    await press('jjjjjjj', ENTER);
    expect(frame()).toMatch(/… \d+ more lines \(\[ and \] scroll\)/);
    expect(frame()).toContain('BLOCKED  ml-05-philippot-tweet');
    await press(']');
    expect(frame()).not.toContain('BLOCKED  ml-05-philippot-tweet');
    await press('[');
    expect(frame()).toContain('BLOCKED  ml-05-philippot-tweet');
  });

  it('searches with /, keeps the search with Enter and clears it with Esc', async () => {
    const { frame, press } = await mount();
    const matching = (await exampleRows()).filter((row) => `${row.key} ${row.title}`.toLowerCase().includes('sondage'));
    expect(matching.length).toBeGreaterThan(0);
    await press('/', 'sondage');
    expect(frame()).toContain('search: /sondage▏');
    expect(frame()).toContain(`${matching.length}/27 records`);
    expect(selectedLine(frame())).toContain(matching[0]!.title.slice(0, 20));
    await press(ENTER);
    expect(frame()).toMatch(/search: \/sondage$/m);
    await press(ESC);
    expect(frame()).toContain('27/27 records');
    expect(frame()).not.toContain('search:');
  });

  it('filters by status with s and by region with r', async () => {
    const { frame, press } = await mount();
    await press('s');
    expect(frame()).toContain('status: BLOCKED');
    const listed = frame().split('\n').filter((line) => /^[› ] (BLOCKED|REVIEW|ALLOWED|INVALID) /.test(line));
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.every((line) => line.slice(2).startsWith('BLOCKED'))).toBe(true);
    await press('s');
    expect(frame()).toContain('status: REVIEW · region: all · time: Europe/Paris · 3/27 records');
    await press('s', 's', 's', 'r');
    // The first region is the mainland: the Guadeloupe-only records drop out.
    expect(frame()).toContain('region: FR-MET');
    expect(frame()).toContain('/27 records');
    expect(frame()).not.toMatch(/ GP {9}/);
  });

  it('toggles the list’s times between the policy zone, the record’s own and UTC with z', async () => {
    const { frame, press } = await mount();
    await press('j');
    expect(selectedLine(frame())).toContain('Fri 05 May 18:00 GP');
    await press('z');
    expect(frame()).toContain("time: record's own");
    expect(selectedLine(frame())).toContain('Fri 05 May 12:00 GP');
    await press('z');
    expect(frame()).toContain('time: UTC');
    expect(selectedLine(frame())).toContain('Fri 05 May 16:00 GP');
    await press('z');
    expect(frame()).toContain('time: Europe/Paris');
  });

  it('shows what a blocked record would get at its earliest allowed time with w', async () => {
    const { frame, press } = await mount();
    await press('w');
    expect(frame()).toContain('What if published at Sun 7 May 20:00 Europe/Paris (2017-05-07T18:00:00.000Z): ALLOWED');
  });

  it('lists every key in the help overlay, opened and closed with ?', async () => {
    const { frame, press } = await mount({ size: { columns: 100, rows: 40 } });
    await press('?');
    for (const key of KEY_HELP) expect(frame()).toContain(messagesFor('en').keys[key]);
    await press('?');
    expect(frame()).not.toContain(messagesFor('en').helpTitle);
    await press('?', ESC);
    expect(frame()).not.toContain(messagesFor('en').helpClose);
  });

  it('quits with q: later keys change nothing', async () => {
    const { frame, press } = await mount();
    await press('q');
    const last = frame();
    await press('j', 'j');
    expect(frame()).toBe(last);
  });
});

describe('time and watch mode', () => {
  it('counts down every tick without checking any record again', async () => {
    const checker = counting(await frenchChecker());
    let now = FRIDAY_23H;
    const { frame } = await mount({ checker, clock: () => now, tickMs: 20 });
    expect(frame()).toContain('Mainland France and Corsica in 1 h (');
    now += 30 * 60_000 + 15_000;
    await settle(80);
    expect(frame()).toContain('Mainland France and Corsica in 29 min 45 s (');
    expect(frame()).toContain('now Fri 5 May 23:30 Europe/Paris');
    now += 30 * 60_000;
    await settle(80);
    expect(frame()).toContain('Silence in force in every region (FR), ends in 1 d 19 h (Sun 7 May 20:00 Europe/Paris)');
    expect(checker.checks).toBe(0);
  });

  it('updates the list in place when the input changes, keeping the selection, and says when it cannot read it', async () => {
    let push: (update: Update) => void = () => {};
    const { frame, press } = await mount({ updates: (listener) => ((push = listener), () => {}) });
    await press('jjjj');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
    const again = await exampleStore();
    const first = again.row(0);
    again.add({ record: { id: 'inserted', title: 'Inserted first' }, source: { file: 'x.json', index: 27 } }, { ...first.verdict, id: 'inserted', at: '2017-05-01T00:00:00Z' });
    push({ kind: 'reload', store: again });
    await settle();
    expect(frame()).toContain('Input changed: 28 records checked again.');
    expect(frame()).toContain('28/28 records');
    expect(selectedLine(frame())).toContain('Fri 05 May 20:35');
    push({ kind: 'reloadFailed', message: 'records.json: not valid JSON' });
    await settle();
    expect(frame()).toContain('Input changed but could not be read: records.json: not valid JSON');
    expect(frame()).toContain('28/28 records');
  });
});

describe('progressive loading', () => {
  /** The example's first `count` records (input order), as the loader leaves the store after a batch. */
  async function partial(count: number) {
    const full = await exampleStore();
    const store = newStore(await frenchChecker(), 'en');
    const add = (to: number) => {
      for (let index = store.length; index < to; index++) store.add(full.input(index), full.verdict(index));
    };
    add(count);
    return { store, add };
  }

  it('draws the first frame from the first batch, says it is loading, and merges later batches in place', async () => {
    const { store, add } = await partial(10);
    store.addProblem({ source: { file: 'feed.ndjson', index: 0, line: 4 }, message: 'not valid JSON: Unexpected token', fatal: false });
    const feed = new UpdateFeed();
    const { frame, press } = await mount({ store, loading: true, size: { columns: 80, rows: 24 }, progressMs: 200, updates: (listener) => feed.subscribe(listener) });
    expect(frame()).toBe(
      [
        'blackout · fr 2026.11.0 · 2017 presidential election · t2 · now Fri 5 May 23:00…',
        'Silence in force in every region but Mainland France and Corsica, ends in 1 d 2…',
        '              |Fri 5                |Sat 6               |Sun 7                |',
        'PM            ░░░░█████████████████│████████████████████████████████████████',
        '+8',
        '                                 x xx        ! ·',
        '                                 ^',
        'status: all · region: all · time: Europe/Paris · 10/10 records',
        '  status    time             audience   channel  categories     title',
        '› ALLOWED   Fri 05 May 20:30 default    web      leak           EMLEAKS',
        '  BLOCKED   Fri 05 May 20:35 default    web      leak,propagan… Macron campaign…',
        '  BLOCKED   Fri 05 May 20:49 default    social   propaganda,le… #MacronLeaks',
        '  BLOCKED   Fri 05 May 22:31 default    social   leak,propagan… Update: #Macron…',
        '  BLOCKED   Fri 05 May 23:40 default    social   propaganda,ne… #MacronLeaks',
        '  BLOCKED   Fri 05 May 23:55 default    web      propaganda     Communiqué de p…',
        '  ALLOWED   Sat 06 May 00:30 default    web      news           Recommandation …',
        '  REVIEW    Sat 06 May 10:00 default    web      leak           Ce que contienn…',
        '  ALLOWED   Sat 06 May 12:00 default    web      news           Piratage d\'En M…',
        '  ALLOWED   Sat 06 May 13:00 default    web      news           Suites de l\'att…',
        '',
        '',
        '',
        'loading… 10 records checked so far · 1 input problem (e lists it) · ↑↓ move · E…',
      ].join('\n'),
    );
    await press('j', 'j');
    // A batch arrives: drawn at once (the first in its interval), each record in its place in time, the selection on its record and line.
    add(27);
    feed.push(progressOf(store, false));
    await settle();
    const lines = frame().split('\n');
    expect(lines[5]).toBe('                             xx  x xx      x !x·!!         x      x ·   · xx');
    expect(lines[7]).toBe('status: all · region: all · time: Europe/Paris · 27/27 records');
    expect(lines.slice(9, 12)).toEqual([
      '  ALLOWED   Fri 05 May 20:30 default    web      leak           EMLEAKS',
      '  BLOCKED   Fri 05 May 20:35 default    web      leak,propagan… Macron campaign…',
      '› BLOCKED   Fri 05 May 20:49 default    social   propaganda,le… #MacronLeaks',
    ]);
    expect(lines.slice(15, 22)).toEqual([
      '  BLOCKED   Sat 06 May 00:00 default    social   propaganda     Demain, votez p…',
      '  ALLOWED   Sat 06 May 00:30 default    web      news           Recommandation …',
      '  BLOCKED   Sat 06 May 08:00 default    social   poll           Les derniers ch…',
      '  REVIEW    Sat 06 May 10:00 default    web      leak           Ce que contienn…',
      '  ALLOWED   Sat 06 May 10:00 default    web      poll           Dernière enquêt…',
      '  BLOCKED   Sat 06 May 11:00 default    web      propaganda     Dimanche, un se…',
      '  ALLOWED   Sat 06 May 12:00 default    web      news           Piratage d\'En M…',
    ]);
    expect(lines[22]).toBe('loading… 27 records checked so far · 1 input problem (e lists it) · ↑↓ move · E…');
    // Reading is over: the indicator goes at once; the earlier records are above, a page up.
    feed.push(progressOf(store, true));
    await settle();
    expect(frame().split('\n')[22]).toBe('1 input problem (e lists it) · ↑↓ move · Enter detail · / search · s status · r…');
    await press('g');
    expect(selectedLine(frame())).toBe('› BLOCKED   Fri 05 May 16:00 default    web      poll           Dernière enquêt…');
    // e lists the problems where the list was; Esc closes the list.
    await press('e');
    expect(frame().split('\n').slice(8, 11)).toEqual([
      'Input problems (1): what could not be read was left out of the list',
      'feed.ndjson:4: not valid JSON: Unexpected token',
      'Esc or e closes this list; [ and ] scroll it.',
    ]);
    await press(ESC);
    expect(frame()).not.toContain('Input problems');
  });

  it('draws progress at most once an interval, the latest one, and the last one at once', async () => {
    const { store, add } = await partial(5);
    const feed = new UpdateFeed();
    const { frame } = await mount({ store, loading: true, progressMs: 300, updates: (listener) => feed.subscribe(listener) });
    const count = () => /(\d+)\/(\d+) records/.exec(frame())![0];
    expect(count()).toBe('5/5 records');
    add(10);
    feed.push(progressOf(store, false));
    await settle(30);
    expect(count()).toBe('10/10 records');
    add(15);
    feed.push(progressOf(store, false));
    add(20);
    feed.push(progressOf(store, false));
    await settle(60);
    expect(count()).toBe('10/10 records');
    await settle(350);
    expect(count()).toBe('20/20 records');
    expect(frame()).toContain('loading… 20 records checked so far');
    add(27);
    feed.push(progressOf(store, true));
    await settle(30);
    expect(count()).toBe('27/27 records');
    expect(frame()).not.toContain('loading…');
  });

  it('says it is loading in French too', async () => {
    const full = await exampleStore('fr');
    const store = newStore(await frenchChecker(), 'fr');
    for (let index = 0; index < 3; index++) store.add(full.input(index), full.verdict(index));
    store.addProblem({ source: { file: 'a.csv', index: 0 }, message: 'x', fatal: true });
    store.addProblem({ source: { file: 'b.csv', index: 0 }, message: 'y', fatal: true });
    const { frame } = await mount({ store, lang: 'fr', loading: true, size: { columns: 160, rows: 30 } });
    expect(frame()).toContain('chargement… 3 publications vérifiées pour l’instant · 2 problèmes de lecture (e pour les voir) · ↑↓ aller');
  });
});
