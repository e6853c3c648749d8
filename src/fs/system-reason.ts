import { printable } from '../text/printable.js';

/** What the system says of a failed read, open or write, for the codes met most, in words. */
const REASONS: Readonly<Record<string, { readonly en: string; readonly fr: string }>> = {
  ENOENT: { en: 'no such folder', fr: 'dossier introuvable' },
  ENOTDIR: { en: 'a part of the path is not a folder', fr: 'un élément du chemin n’est pas un dossier' },
  EACCES: { en: 'permission denied', fr: 'permission refusée' },
  EPERM: { en: 'operation not permitted', fr: 'opération non permise' },
  EISDIR: { en: 'it is a folder, not a regular file', fr: 'c’est un dossier, pas un fichier ordinaire' },
  ELOOP: { en: 'too many symbolic links (a loop?)', fr: 'trop de liens symboliques (une boucle ?)' },
  ENAMETOOLONG: { en: 'file name too long', fr: 'nom de fichier trop long' },
  EMFILE: { en: 'too many open files', fr: 'trop de fichiers ouverts' },
  ENOTREG: { en: 'not a regular file (a named pipe, a device or a socket)', fr: 'ce n’est pas un fichier ordinaire (tube nommé, périphérique ou socket)' },
  ENOSPC: { en: 'no space left on the device', fr: 'plus de place sur le périphérique' },
  EDQUOT: { en: 'disk quota exceeded', fr: 'quota de disque dépassé' },
  EFBIG: { en: 'file too large', fr: 'fichier trop grand' },
  EIO: { en: 'input/output error', fr: 'erreur d’entrée-sortie' },
  EROFS: { en: 'read-only file system', fr: 'système de fichiers en lecture seule' },
};

/** A system error code in words, in `lang`; undefined for a code not listed. */
export function systemWords(code: unknown, lang: 'en' | 'fr'): string | undefined {
  return typeof code === 'string' && Object.hasOwn(REASONS, code) ? REASONS[code]![lang] : undefined;
}

/** A system error in words, in `lang`, with its code (`no such folder (ENOENT)`); its own message for a code not listed. */
export function systemReason(error: NodeJS.ErrnoException, lang: 'en' | 'fr'): string {
  const { code } = error;
  return `${systemWords(code, lang) ?? printable(error.message)}${code === undefined ? '' : ` (${code})`}`;
}
