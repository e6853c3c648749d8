// The escaping lives below every layer that prints (reports, the CLI's stderr, the terminal UI).
export { printable, printableLines } from '../text/printable.js';
