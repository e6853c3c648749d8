import { printable } from '../text/printable.js';

/** What the system says of a failed open or write, for the codes met most, in words. */
const REASONS: Readonly<Record<string, { readonly en: string; readonly fr: string }>> = {
  ENOENT: { en: 'no such folder', fr: 'dossier introuvable' },
  ENOTDIR: { en: 'a part of the path is not a folder', fr: 'un élément du chemin n’est pas un dossier' },
  EACCES: { en: 'permission denied', fr: 'permission refusée' },
  EISDIR: { en: 'it is a folder', fr: 'c’est un dossier' },
  ENOSPC: { en: 'no space left on the device', fr: 'plus de place sur le périphérique' },
  EDQUOT: { en: 'disk quota exceeded', fr: 'quota de disque dépassé' },
  EFBIG: { en: 'file too large', fr: 'fichier trop grand' },
  EIO: { en: 'input/output error', fr: 'erreur d’entrée-sortie' },
  EROFS: { en: 'read-only file system', fr: 'système de fichiers en lecture seule' },
};

/** A system error in words, in `lang`, with its code (`no such folder (ENOENT)`); its own message for a code not listed. */
export function systemReason(error: NodeJS.ErrnoException, lang: 'en' | 'fr'): string {
  const { code } = error;
  const reason = code === undefined ? undefined : REASONS[code];
  return `${reason ? reason[lang] : printable(error.message)}${code === undefined ? '' : ` (${code})`}`;
}
