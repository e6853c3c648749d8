import type { KeyHelp } from './messages.js';
import type { Action, TuiState } from './model/state.js';

/** The parts of a key press the UI reads (Ink's `Key` has these fields). */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly tab?: boolean;
}

/** What a key asks for: a state change, or something only the app can do. */
export type Command = Action | { readonly type: 'quit' } | { readonly type: 'requestWhatIf' };

/** Keys in the order the help overlay lists them; every binding below has a line here. */
export const KEY_HELP: readonly KeyHelp[] = ['move', 'page', 'ends', 'detail', 'scroll', 'search', 'status', 'region', 'zone', 'whatIf', 'problems', 'escape', 'help', 'quit'];

function movement(input: string, key: KeyPress): Command | undefined {
  if (key.upArrow) return { type: 'move', by: -1 };
  if (key.downArrow) return { type: 'move', by: 1 };
  if (key.pageUp) return { type: 'page', by: -1 };
  if (key.pageDown) return { type: 'page', by: 1 };
  if (key.home) return { type: 'first' };
  if (key.end) return { type: 'last' };
  if (key.ctrl && input === 'c') return { type: 'quit' };
  return undefined;
}

/**
 * The command for a key press in the current state, following terminal
 * habits: arrows and j/k, Enter, /, Esc, q, ?. Typing a search takes every
 * printable key until Enter or Esc.
 */
export function commandFor(input: string, key: KeyPress, state: TuiState): Command | undefined {
  // The help takes the whole screen: its keys close or scroll it, and nothing moves beneath.
  if (state.help && !state.searching) {
    if (key.ctrl && input === 'c') return { type: 'quit' };
    if (key.escape || input === '?' || input === 'q') return { type: 'toggleHelp' };
    if (input === '[' || input === 'k' || key.upArrow) return { type: 'scrollDetail', by: input === '[' ? -3 : -1 };
    if (input === ']' || input === 'j' || key.downArrow) return { type: 'scrollDetail', by: input === ']' ? 3 : 1 };
    if (key.pageUp || key.pageDown) return { type: 'scrollDetail', by: key.pageUp ? -10 : 10 };
    return undefined;
  }
  const moved = movement(input, key);
  if (moved) return moved;
  if (state.searching) {
    if (key.return) return { type: 'searchEnd', keep: true };
    if (key.escape) return { type: 'searchEnd', keep: false };
    // Terminals send DEL for Backspace, which Ink reports as delete.
    if (key.backspace || key.delete) return { type: 'searchBackspace' };
    if (input !== '' && !key.ctrl && !key.meta && !key.tab) return { type: 'searchInput', text: input };
    return undefined;
  }
  if (state.problems) {
    if (key.escape || input === 'e' || input === 'q') return { type: 'toggleProblems' };
    if (input === '[' || input === ']') return { type: 'scrollDetail', by: input === '[' ? -3 : 3 };
    return input === '?' ? { type: 'toggleHelp' } : undefined;
  }
  if (key.escape) return { type: 'escape' };
  if (key.return) return { type: 'toggleDetail' };
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 'k':
      return { type: 'move', by: -1 };
    case 'j':
      return { type: 'move', by: 1 };
    case 'g':
      return { type: 'first' };
    case 'G':
      return { type: 'last' };
    case '[':
      return { type: 'scrollDetail', by: -3 };
    case ']':
      return { type: 'scrollDetail', by: 3 };
    case '/':
      return { type: 'searchStart' };
    case 's':
      return { type: 'cycleStatus' };
    case 'r':
      return { type: 'cycleRegion' };
    case 'z':
      return { type: 'cycleZone' };
    case 'w':
      return { type: 'requestWhatIf' };
    case 'e':
      return { type: 'toggleProblems' };
    case '?':
      return { type: 'toggleHelp' };
    case 'q':
      return { type: 'quit' };
    default:
      return undefined;
  }
}

/**
 * Ink hands a run of plain characters over as one input, as for a paste; a
 * terminal that sends keys in bursts (tmux, a fast typist over ssh) does the
 * same. Each character is taken as its own key, Enter and Backspace included.
 */
export function splitKeys(input: string, key: KeyPress): [string, KeyPress][] {
  const special = key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.home || key.end || key.escape || key.ctrl || key.meta;
  if (input.length <= 1 || special) return [[input, key]];
  return [...input].map((character): [string, KeyPress] =>
    character === '\r' || character === '\n' ? ['', { return: true }] : character === '\u007f' || character === '\b' ? ['', { backspace: true }] : [character, {}],
  );
}
