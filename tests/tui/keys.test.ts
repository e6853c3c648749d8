import { describe, expect, it } from 'vitest';
import { commandFor, KEY_HELP, splitKeys } from '../../src/tui/keys.js';
import { messagesFor } from '../../src/tui/messages.js';
import { initialState, reduce } from '../../src/tui/model/state.js';
import { syntheticStore } from './helpers.js';

const idle = initialState(syntheticStore(0), 12, 10);
const problems = reduce(idle, { type: 'toggleProblems' });
const searching = reduce(idle, { type: 'searchStart' });
const help = reduce(idle, { type: 'toggleHelp' });

describe('commandFor', () => {
  it.each([
    ['k', {}, { type: 'move', by: -1 }],
    ['j', {}, { type: 'move', by: 1 }],
    ['', { upArrow: true }, { type: 'move', by: -1 }],
    ['', { downArrow: true }, { type: 'move', by: 1 }],
    ['', { pageUp: true }, { type: 'page', by: -1 }],
    ['', { pageDown: true }, { type: 'page', by: 1 }],
    ['g', {}, { type: 'first' }],
    ['', { home: true }, { type: 'first' }],
    ['G', {}, { type: 'last' }],
    ['', { end: true }, { type: 'last' }],
    ['', { return: true }, { type: 'toggleDetail' }],
    ['[', {}, { type: 'scrollDetail', by: -3 }],
    [']', {}, { type: 'scrollDetail', by: 3 }],
    ['/', {}, { type: 'searchStart' }],
    ['s', {}, { type: 'cycleStatus' }],
    ['r', {}, { type: 'cycleRegion' }],
    ['z', {}, { type: 'cycleZone' }],
    ['w', {}, { type: 'requestWhatIf' }],
    ['e', {}, { type: 'toggleProblems' }],
    ['?', {}, { type: 'toggleHelp' }],
    ['', { escape: true }, { type: 'escape' }],
    ['q', {}, { type: 'quit' }],
    ['c', { ctrl: true }, { type: 'quit' }],
  ])('maps %j %j to %j', (input, key, command) => {
    expect(commandFor(input, key, idle)).toEqual(command);
  });

  it('ignores keys it does not bind', () => {
    expect(commandFor('x', {}, idle)).toBeUndefined();
    expect(commandFor('s', { ctrl: true }, idle)).toBeUndefined();
  });

  it('types every printable key into the search, q and ? included, until Enter or Esc', () => {
    expect(commandFor('q', {}, searching)).toEqual({ type: 'searchInput', text: 'q' });
    expect(commandFor('?', {}, searching)).toEqual({ type: 'searchInput', text: '?' });
    expect(commandFor('', { delete: true }, searching)).toEqual({ type: 'searchBackspace' });
    expect(commandFor('', { backspace: true }, searching)).toEqual({ type: 'searchBackspace' });
    expect(commandFor('', { return: true }, searching)).toEqual({ type: 'searchEnd', keep: true });
    expect(commandFor('', { escape: true }, searching)).toEqual({ type: 'searchEnd', keep: false });
    expect(commandFor('', { downArrow: true }, searching)).toEqual({ type: 'move', by: 1 });
  });

  it('closes help with Esc, ? or q, and does nothing else while it is open', () => {
    expect(commandFor('', { escape: true }, help)).toEqual({ type: 'toggleHelp' });
    expect(commandFor('?', {}, help)).toEqual({ type: 'toggleHelp' });
    expect(commandFor('q', {}, help)).toEqual({ type: 'toggleHelp' });
    expect(commandFor('s', {}, help)).toBeUndefined();
  });

  it('closes the input problem list with Esc, e or q, and scrolls it with [ and ]', () => {
    expect(commandFor('', { escape: true }, problems)).toEqual({ type: 'toggleProblems' });
    expect(commandFor('e', {}, problems)).toEqual({ type: 'toggleProblems' });
    expect(commandFor('q', {}, problems)).toEqual({ type: 'toggleProblems' });
    expect(commandFor(']', {}, problems)).toEqual({ type: 'scrollDetail', by: 3 });
    expect(commandFor('[', {}, problems)).toEqual({ type: 'scrollDetail', by: -3 });
    expect(commandFor('s', {}, problems)).toBeUndefined();
  });
});

describe('splitKeys', () => {
  it('takes a burst of characters as one key each, Enter and Backspace included', () => {
    expect(splitKeys('jj\r', {})).toEqual([['j', {}], ['j', {}], ['', { return: true }]]);
    expect(splitKeys('ab\u007f', {})).toEqual([['a', {}], ['b', {}], ['', { backspace: true }]]);
    expect(splitKeys('j', {})).toEqual([['j', {}]]);
    expect(splitKeys('', { upArrow: true })).toEqual([['', { upArrow: true }]]);
  });
});

describe('help', () => {
  it('has a line for every key, in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      const keys = messagesFor(lang).keys;
      expect(Object.keys(keys).sort()).toEqual([...KEY_HELP].sort());
      for (const name of KEY_HELP) expect(keys[name].length).toBeGreaterThan(5);
    }
  });
});
