import { render } from 'ink';
import type { Checker } from '../engine/checker.js';
import { App, type Update } from './components/App.js';
import type { Lang } from './messages.js';
import type { Row } from './rows.js';
import { loadRows } from './session.js';
import { themeFor } from './theme.js';
import { watchFiles } from './watch.js';

export interface StartOptions {
  readonly checker: Checker;
  readonly rows: readonly Row[];
  readonly files: readonly string[];
  readonly lang: Lang;
  readonly clock: () => number;
  readonly watch: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

// The alternate screen, as less and vim use it: quitting gives the terminal back as it was.
const ENTER_ALT_SCREEN = '\u001b[?1049h';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/** Mounts the terminal UI and resolves when the user quits. */
export async function startTui(options: StartOptions): Promise<void> {
  const { checker, files, lang, clock } = options;
  const updates = options.watch
    ? (listener: (update: Update) => void) =>
        watchFiles(files, () => {
          try {
            listener({ rows: loadRows(checker, files, clock(), lang) });
          } catch (error) {
            listener({ error: (error as Error).message });
          }
        })
    : undefined;
  options.stdout.write(ENTER_ALT_SCREEN);
  try {
    const instance = render(
      <App checker={checker} rows={options.rows} lang={lang} theme={themeFor(options.env)} clock={clock} tickMs={1000} {...(updates ? { updates } : {})} />,
      { stdin: options.stdin, stdout: options.stdout, exitOnCtrlC: false, patchConsole: false },
    );
    await instance.waitUntilExit();
  } finally {
    options.stdout.write(LEAVE_ALT_SCREEN);
  }
}
