import { UsageError } from '../../errors.js';
import { inputMessages, type InputLang } from '../messages.js';

/**
 * Which front-matter keys fill which record field: for each record field
 * (`publisher.kind` for a nested one), the keys to try, the first present
 * winning. Two keys are special: `$path` is the file's path, `$content` the
 * text after the front matter.
 */
export type FrontMatterMapping = Readonly<Record<string, readonly string[]>>;

export const PATH_KEY = '$path';
export const CONTENT_KEY = '$content';

/**
 * The mapping of pages of no known site (Hugo and Jekyll pages are read as
 * their generators read them: see front-matter-record.ts), and the fields
 * `--front-matter` may name. `tags` is not read as `categories`:
 * sites tag freely ('lyon', 'interview'), and the checker refuses categories
 * its policy does not know, so every tagged page would come out invalid. Map
 * it on purpose (`categories=tags`) where tags are the policy's categories.
 */
export const DEFAULT_FRONT_MATTER: FrontMatterMapping = {
  id: ['id', PATH_KEY],
  publishedAt: ['publishedAt', 'publishDate', 'date'],
  zone: ['zone'],
  action: ['action'],
  firstPublishedAt: ['firstPublishedAt'],
  categories: ['categories'],
  audience: ['audience'],
  channel: ['channel'],
  publisher: ['publisher'],
  title: ['title'],
  body: [CONTENT_KEY],
  url: ['url', 'permalink'],
};

/** The record fields a mapping may fill. */
export const MAPPABLE_FIELDS: readonly string[] = [...Object.keys(DEFAULT_FRONT_MATTER), 'publisher.name', 'publisher.kind'];

/** The defaults, with the fields `mapping` names replaced. */
export function withDefaultMapping(mapping: FrontMatterMapping | undefined): FrontMatterMapping {
  return mapping ? { ...DEFAULT_FRONT_MATTER, ...mapping } : DEFAULT_FRONT_MATTER;
}

/**
 * Reads a mapping as written on the command line: `field=key[,key...]`
 * entries separated by `;`. Throws a UsageError on an unknown field or an
 * entry without keys.
 *
 * @example parseFrontMatterMapping('publishedAt=date,publishDate;categories=tags')
 * // { publishedAt: ['date', 'publishDate'], categories: ['tags'] }
 */
export function parseFrontMatterMapping(text: string, lang: InputLang = 'en'): FrontMatterMapping {
  const m = inputMessages(lang);
  const mapping: Record<string, readonly string[]> = {};
  for (const entry of text.split(';')) {
    if (entry.trim() === '') continue;
    const equals = entry.indexOf('=');
    const field = entry.slice(0, Math.max(equals, 0)).trim();
    const keys = entry
      .slice(equals + 1)
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
    if (equals <= 0 || keys.length === 0) throw new UsageError(m.mappingEntry(entry.trim()));
    if (!MAPPABLE_FIELDS.includes(field)) throw new UsageError(m.mappingField(field, MAPPABLE_FIELDS.join(', ')));
    if (Object.hasOwn(mapping, field)) throw new UsageError(m.mappingTwice(field));
    mapping[field] = keys;
  }
  return mapping;
}
