import type { PolicyIssue, PolicyIssueCode } from '../errors.js';
import type { IssueText } from './issue-text.js';

// What a policy file is, as text: no file is read here, so the compiler's
// path from text (blackout/core, in a browser) needs no file system.

/** Policy files are small; anything bigger is a mistake or an attack. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/** Policy files are YAML. */
export const POLICY_FILE_NAME = /\.ya?ml$/i;

/** The error code of a file refused for its size (the one fs/regular-file.ts gives). */
export const TOO_LARGE = 'EFBIG';

export function tooLargeMessage(bytes: number): IssueText {
  const megabytes = (bytes / 1048576).toFixed(1);
  return {
    en: `file is ${megabytes} MB; a policy file may be at most ${MAX_POLICY_BYTES / 1048576} MB`,
    fr: `le fichier fait ${megabytes.replace('.', ',')} Mo ; un fichier de politique fait au plus ${MAX_POLICY_BYTES / 1048576} Mo`,
  };
}

/** A problem with a whole file (no position in it). */
export function fileIssue(name: string, code: PolicyIssueCode, text: IssueText): PolicyIssue {
  return { file: name, line: 0, column: 0, code, message: text.en, fr: text.fr, excerpt: '' };
}

/** Policy text is read as UTF-8, without the byte-order mark some editors add. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A text's length in UTF-8 bytes, as Buffer.byteLength counts it (a lone surrogate is 3), with no Buffer. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else {
      bytes += 2;
      // A surrogate pair: two code units, four bytes.
      if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) index++;
    }
  }
  return bytes;
}
