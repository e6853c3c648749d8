import { errorItem, type InputItem } from '../input-item.js';
import { inputMessages } from '../messages.js';
import { parseFrontMatter } from './parse.js';
import { pageItem, type PageOptions } from './page-record.js';
import { splitFrontMatter, splitProblem, type FrontMatterFormat } from './split.js';
import type { PageSite } from './site-config.js';

export type { FrontMatterMapping } from './mapping.js';
export type { PageOptions } from './page-record.js';
export { yamlTimestampToIso } from '../formats/yaml-timestamp.js';

const ALL_FORMATS: readonly FrontMatterFormat[] = ['yaml', 'toml', 'json'];

/**
 * The item of a Markdown or HTML page: its front matter (YAML between `---`
 * lines, TOML between `+++` lines, or a JSON object, as Hugo writes them;
 * Jekyll reads YAML only) read the way the page's site generator reads it
 * (`site`, see site-config.ts): a record, a page the generator does not
 * publish (skipped, with the reason), or a problem at a line.
 */
export function frontMatterItems(text: string, file: string, site: PageSite | undefined, options: PageOptions): InputItem[] {
  const m = inputMessages(options.lang);
  const kind = site?.site.kind;
  const jekyll = kind === 'jekyll';
  const split = splitFrontMatter(text, jekyll ? ['yaml'] : ALL_FORMATS, kind === 'hugo');
  const source = { file, index: 0, line: 1 };
  if (split.kind === 'none') return [errorItem(source, jekyll ? m.jekyllYamlOnly : m.noFrontMatter)];
  if (split.kind !== 'found') return [errorItem({ ...source, line: split.openLine }, splitProblem(split, m))];
  const parsed = parseFrontMatter(split.format, split.text, split.line, options.lang);
  if (!parsed.ok) return [errorItem({ file, index: 0, line: Math.max(parsed.line, split.openLine) }, parsed.message)];
  const page = { file, data: parsed.data, plainKeys: parsed.plainKeys ?? new Set<string>(), body: split.body, format: split.format, text: split.text, line: split.line, openLine: split.openLine };
  if (!site?.bundle) return [pageItem(page, site, options)];
  const item = pageItem(page, site, { ...options, resource: true });
  return [item.kind === 'record' ? resourceItem(item, site.bundle, options) : item];
}

/**
 * A resource of a Hugo leaf bundle goes out with the bundle's page: it is
 * checked at that page's publication, in its zone, and is not checked when
 * that page is not (a draft, expired); its own fields say what it is.
 */
function resourceItem(item: Extract<InputItem, { kind: 'record' }>, bundle: NonNullable<PageSite['bundle']>, options: PageOptions): InputItem {
  const m = inputMessages(options.lang);
  if ('problem' in bundle) return errorItem(item.source, m.bundleUnreadable(bundle.file, bundle.problem));
  const [page] = frontMatterItems(bundle.text, bundle.file, bundle.site, options);
  if (page === undefined || page.kind === 'error') return errorItem(item.source, m.bundleUnreadable(bundle.file, page?.message ?? ''));
  if (page.kind === 'skipped') return { ...page, source: item.source, message: m.bundleNotPublished(bundle.file, page.message) };
  const own = item.record as Record<string, unknown>;
  const dates = page.record as Record<string, unknown>;
  const record = { ...own };
  for (const field of ['publishedAt', 'zone'] as const) if (record[field] === undefined && dates[field] !== undefined) record[field] = dates[field];
  return { ...item, record };
}
