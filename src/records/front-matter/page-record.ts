import { basename, relative, resolve, sep } from 'node:path';
import { readBlackoutKey, type BlackoutField, type BlackoutValue } from './blackout-key.js';
import { KeyView, lineOfKey, nearMiss } from './keys.js';
import { CONTENT_KEY, PATH_KEY, withDefaultMapping, type FrontMatterMapping } from './mapping.js';
import type { FrontMatterFormat } from './split.js';
import { hugoDateKeys, resolveHugoDates, stringSlice } from './hugo-dates.js';
import { errorItem, type InputItem, type SkipReason } from '../input-item.js';
import { parseInstant } from '../instant.js';
import { jekyllPlace, type JekyllPlace } from './jekyll-post.js';
import { withJekyllDefaults } from './jekyll-defaults.js';
import { inputMessages, type InputLang, type InputMessages } from '../messages.js';
import { setField } from '../set-field.js';
import type { HugoPageContext } from './hugo-sections.js';
import type { HugoSite, JekyllSite, PageSite } from './site-config.js';
import { categoriesOfTerms, type TermMap } from './term-map.js';
import { yamlTimestampToIso } from '../formats/yaml-timestamp.js';

/** How pages are read, beyond what their site says. */
export interface PageOptions {
  /** `--front-matter`: fields read from the keys named, whatever the site. */
  readonly mapping?: FrontMatterMapping;
  /** `--zone`: wins over the site's zone; a page's own `blackout.zone` wins over it. */
  readonly zone?: string;
  /** `--terms`: wins over the site's own term map. */
  readonly terms?: TermMap;
  /** `--include-drafts`: drafts and unpublished pages are checked at their date, not skipped. */
  readonly includeDrafts?: boolean;
  /** `--at`: every record is checked at a given instant, so an undated list page can be too. */
  readonly instantGiven?: boolean;
  /** The page is a resource of a Hugo leaf bundle: it goes out with the bundle's page, whose dates and draft flag are what count. */
  readonly resource?: boolean;
  readonly lang: InputLang;
}

/** A page's parsed front matter and where it was. */
export interface Page {
  readonly file: string;
  readonly data: Record<string, unknown>;
  /** Top-level YAML keys whose values are plain (unquoted) scalars. */
  readonly plainKeys: ReadonlySet<string>;
  readonly body: string;
  readonly format: FrontMatterFormat;
  /** The front matter's text and its first line, to name the line of a key. */
  readonly text: string;
  readonly line: number;
  readonly openLine: number;
}

/** Record fields holding instants, written by site generators as YAML dates. */
const INSTANT_FIELDS = new Set(['publishedAt', 'firstPublishedAt']);
/** Record fields holding lists, which front matter may write as one string (`tags: a b`). */
const LIST_FIELDS = new Set(['categories', 'audience']);
/** A page of a static site goes out on the web unless its front matter says otherwise. */
const DEFAULT_CHANNEL = 'web';
/** Hugo's own front-matter keys (lowercase): never taken for a misspelt key. */
const HUGO_KEYS = [
  'aliases',
  'build',
  '_build',
  'cascade',
  'description',
  'draft',
  'headless',
  'iscjklanguage',
  'keywords',
  'layout',
  'linktitle',
  'markup',
  'menu',
  'menus',
  'outputs',
  'params',
  'resources',
  'sitemap',
  'slug',
  'summary',
  'title',
  'translationkey',
  'type',
  'url',
  'weight',
  'id',
  'blackout',
  'lastmod',
  'modified',
];
/** Keys Jekyll reads that change a verdict, and the others blackout reads. */
const JEKYLL_TARGETS = ['date', 'published', 'categories', 'category', 'tags', 'tag', 'blackout'];
const JEKYLL_KEYS = ['title', 'permalink', 'layout', 'id', 'url', 'slug', 'excerpt', 'excerpt_separator', 'draft', 'last_modified_at'];
/** Keys of site generators a page of no known site may carry: never taken for a misspelt key (`published` is not `publisher`). */
const PLAIN_KEYS = ['published', 'draft', 'layout', 'tags', 'tag', 'category', 'slug', 'permalink', 'excerpt', 'author', 'description', 'lastmod', 'weight', 'aliases', 'type', 'summary', 'keywords'];
/** Publication dates other tools read that Jekyll ignores: a page carrying one was written for them. */
const FOREIGN_DATES = new Set(['publishdate', 'pubdate', 'publishedat']);

/**
 * The item for one page: a record, a page its generator would not publish
 * (skipped, with the reason), or a problem at a line. `site` says how its
 * generator reads it; undefined reads it as a plain record (see DEFAULT_FRONT_MATTER).
 */
export function pageItem(page: Page, site: PageSite | undefined, options: PageOptions): InputItem {
  const m = inputMessages(options.lang);
  if (site?.site.kind === 'broken') return errorItem({ file: page.file, index: 0, line: page.openLine }, site.site.message);
  if (site?.hugo?.problem) return errorItem({ file: page.file, index: 0, line: page.openLine }, site.hugo.problem);
  const hugo = site?.site.kind === 'hugo';
  const jekyll = site?.site.kind === 'jekyll' ? jekyllPage(site.site, site.root, page.file) : undefined;
  const data = site?.hugo ? withCascade(page.data, site.hugo) : jekyll ? withJekyllDefaults(page.data, jekyll.site.defaults, jekyll.path, jekyll.place.types) : page.data;
  const view = new KeyView(data, hugo);
  const fail = (key: string | readonly string[] | undefined, message: string) =>
    errorItem({ file: page.file, index: 0, line: key === undefined ? page.openLine : lineOfKey(page.text, page.line, typeof key === 'string' ? [key] : key, page.format, page.openLine) }, message);
  if (view.ambiguity) return fail(view.ambiguity[1], m.ambiguousKeys(...view.ambiguity));
  const blackout = readBlackoutKey(view, hugo, options.lang);
  if (!blackout.ok) return fail(blackout.path, blackout.message);
  const read: Read = { page, view, blackout: blackout.fields, options, m, fail };
  if (site?.site.kind === 'hugo') return hugoItem(read, site.site, site.hugo);
  if (jekyll) return jekyllItem(read, jekyll);
  return plainItem(read);
}

interface Read {
  readonly page: Page;
  readonly view: KeyView;
  readonly blackout: ReadonlyMap<BlackoutField, BlackoutValue>;
  readonly options: PageOptions;
  readonly m: InputMessages;
  readonly fail: (key: string | readonly string[] | undefined, message: string) => InputItem;
}

/** A page of no known site: fields by the mapping (defaults or `--front-matter`), and `blackout:`, which must agree with them. */
function plainItem(read: Read): InputItem {
  const { view, page, m, fail } = read;
  const mapping = withDefaultMapping(read.options.mapping);
  const miss = nearMiss(view.keys(), [...mappedKeys(mapping), 'blackout'], PLAIN_KEYS, false);
  if (miss) return fail(miss.key, m.nearMiss(miss.key, miss.suggestion, undefined));
  const record: Record<string, unknown> = {};
  const from = new Map<string, string>();
  for (const [field, candidates] of Object.entries(mapping)) {
    const found = firstValue(view, candidates, page);
    if (!found) continue;
    setRecordField(record, field, found.value);
    from.set(field, found.key);
  }
  for (const [field, { key, path, value }] of read.blackout) {
    if (record[field] !== undefined && JSON.stringify(record[field]) !== JSON.stringify(normalised(field, value))) return fail(path, m.conflictingKeys(from.get(field)!, key));
    setRecordField(record, field, value);
  }
  if (record.channel === undefined) record.channel = DEFAULT_CHANNEL;
  return { kind: 'record', record, source: { file: page.file, index: 0, line: page.openLine } };
}

/** A Hugo page's front matter with what the cascades above it give, for the keys it does not set (in any case). */
function withCascade(data: Record<string, unknown>, context: HugoPageContext): Record<string, unknown> {
  const own = new Set(Object.keys(data).map((key) => key.toLowerCase()));
  const merged = { ...data };
  for (const [key, value] of Object.entries(context.cascaded)) if (!own.has(key)) merged[key] = value;
  return merged;
}

function hugoItem(read: Read, site: HugoSite, context: HugoPageContext | undefined): InputItem {
  const { view, page, m, fail, options } = read;
  const dateKeys = hugoDateKeys(site.dates);
  const miss = nearMiss(view.keys(), [...dateKeys, 'draft', 'published', ...site.taxonomies, 'blackout'], [...HUGO_KEYS, ...mappedKeys(options.mapping ?? {})], true);
  if (miss) return fail(miss.key, m.nearMiss(miss.key, miss.suggestion, 'hugo'));
  const record = commonFields(read);
  const zone = zoneOf(read, context ? context.zone : site.zone);
  const terms = () => termCategories(read, options.terms ?? site.terms, site.taxonomies.flatMap((key) => stringSlice(view.get(key)?.value)));
  // A resource's own dates and draft flag are not Hugo's to read: its bundle's page gives them (read-front-matter.ts).
  if (options.resource) return finish(read, record, zone, terms());
  // A draft is not published, whatever its dates say.
  const draft = hugoDraft(view);
  if (draft && !options.includeDrafts && !site.buildDrafts) return skipped(page, 'draft', m.skippedHugoDraft(draft));
  const base = pageBaseName(page.file);
  let publishDate: string | undefined;
  let expiryDate: string | undefined;
  if (options.mapping?.publishedAt) publishDate = stringField(record.publishedAt);
  else {
    const dates = resolveHugoDates(view, site.dates, { baseName: base.content, gitInfo: site.gitInfo });
    if (!dates.ok) {
      const { problem } = dates;
      return problem.kind === 'bad-date' ? fail(problem.key, m.hugoBadDate(problem.key, problem.value)) : fail(undefined, m.hugoUnknowableDate(problem.identifier));
    }
    publishDate = dates.publishDate?.iso;
    expiryDate = dates.expiryDate?.iso;
    if (publishDate !== undefined) record.publishedAt = publishDate;
    // Edited later (`lastmod`, `modified`): the checker judges the edit too, as for any record that says when it was edited.
    if (dates.lastmod !== undefined && dates.lastmod.key !== dates.publishDate?.key) record.lastmod = dates.lastmod.iso;
  }
  if (!site.buildExpired && publishDate !== undefined && expiryDate !== undefined) {
    const published = parseInstant(publishDate, zone);
    const expires = parseInstant(expiryDate, zone);
    if (published.ok && expires.ok && expires.ms <= published.ms) return skipped(page, 'expired', m.skippedExpired(expires.iso, published.iso));
  }
  if (base.name === '_index' && publishDate === undefined && !options.instantGiven) return skipped(page, 'list-page', m.skippedListPage);
  return finish(read, record, zone, terms());
}

/** A Jekyll page, its path from its site's root (`/` separated; its whole path without one) and what that place says of it. */
interface JekyllPage {
  readonly site: JekyllSite;
  readonly root: string | undefined;
  readonly path: string;
  readonly place: JekyllPlace;
}

function jekyllPage(site: JekyllSite, root: string | undefined, file: string): JekyllPage {
  const absolute = resolve(file);
  const path = (root ? relative(root, absolute) : absolute).split(sep).join('/');
  return { site, root, path, place: jekyllPlace(path, site.collections) };
}

function jekyllItem(read: Read, { site, root, place }: JekyllPage): InputItem {
  const { view, page, m, fail, options } = read;
  const foreign = view.keys().find((key) => FOREIGN_DATES.has(key.toLowerCase().replace(/[\s_-]+/g, '')));
  if (foreign) return fail(foreign, m.jekyllForeignDate(foreign));
  const miss = nearMiss(view.keys(), JEKYLL_TARGETS, [...JEKYLL_KEYS, ...mappedKeys(options.mapping ?? {})], false);
  if (miss) return fail(miss.key, m.nearMiss(miss.key, miss.suggestion, 'jekyll'));
  const record = commonFields(read);
  if (place.draft && !options.includeDrafts && !site.showDrafts) return skipped(page, 'draft', m.skippedJekyllDraft);
  if (psychFalse(view.get('published')?.value, page.plainKeys.has('published') || !('published' in page.data)) && !options.includeDrafts && !site.unpublished) return skipped(page, 'unpublished', m.skippedUnpublished);
  if (!options.mapping?.publishedAt) {
    const date = view.get('date')?.value;
    const publishedAt = date === undefined || date === null ? place.filenameDate : typeof date === 'string' ? jekyllDate(date, page.plainKeys.has('date')) : date;
    if (publishedAt !== undefined) record.publishedAt = publishedAt;
    // Edited later (jekyll-last-modified-at's key, read as Jekyll reads dates): the checker judges the edit too.
    const modified = view.get('last_modified_at')?.value;
    // Any other value goes as it is, for the checker to refuse: it cannot be read as the edit's time.
    if (modified !== undefined && modified !== null) record.last_modified_at = typeof modified === 'string' ? jekyllDate(modified, page.plainKeys.has('last_modified_at')) : modified;
  }
  // Jekyll's categories: `categories` (a string is split on spaces), `category` (one, as written), the folders above _posts; its tags likewise.
  const terms = [
    ...stringSlice(view.get('categories')?.value),
    ...oneOrMany(view.get('category')?.value),
    ...(root ? place.pathCategories : []),
    ...stringSlice(view.get('tags')?.value),
    ...oneOrMany(view.get('tag')?.value),
  ];
  return finish(read, record, zoneOf(read, site.zone), termCategories(read, options.terms ?? site.terms, terms));
}

/** Psych reads YAML 1.1: an unquoted `no` or `off` is false (`published: no` is not built), as is `false`. */
function psychFalse(value: unknown, plain: boolean): boolean {
  return value === false || (plain && typeof value === 'string' && /^(?:no|No|NO|off|Off|OFF)$/.test(value));
}

/** A YAML 1.1 timestamp with a time, as Psych (Jekyll's YAML parser) recognises one in a plain scalar. */
const PSYCH_TIME = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(\s*(?:Z|[-+]\d{1,2}(?::?\d\d)?))?$/;

/**
 * A Jekyll `date` as Jekyll reads it: an unquoted YAML timestamp with seconds
 * and no offset (`2017-05-05 23:30:00`) is UTC, YAML's rule, whatever the
 * site's timezone; other text (`2017-05-05 23:30`, a quoted date, a bare
 * date) is read by Ruby's Time.parse in the site's timezone, so it stays local here.
 */
function jekyllDate(text: string, plain: boolean): string {
  const iso = yamlTimestampToIso(text);
  const time = plain ? PSYCH_TIME.exec(text.trim()) : null;
  return time && time[1] === undefined && /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(iso) ? `${iso}Z` : iso;
}

/** Fields every site's page has: id, title, url, body, and what `--front-matter` names. */
function commonFields(read: Read): Record<string, unknown> {
  const { view, page, options } = read;
  const record: Record<string, unknown> = {};
  const mapping: FrontMatterMapping = { id: ['id', PATH_KEY], title: ['title'], body: [CONTENT_KEY], url: ['url', 'permalink'], ...options.mapping };
  for (const [field, candidates] of Object.entries(mapping)) {
    const found = firstValue(view, candidates, page);
    if (found) setRecordField(record, field, found.value);
  }
  return record;
}

/** The page's own `blackout` fields, its zone and its categories (declared ones first, then those of its site terms). */
function finish(read: Read, record: Record<string, unknown>, zone: string | undefined, termCategories: readonly string[]): InputItem {
  for (const [field, { value }] of read.blackout) if (!(field in (read.options.mapping ?? {}))) setRecordField(record, field, value);
  const declared = Array.isArray(record.categories) ? (record.categories as unknown[]) : record.categories === undefined ? [] : [record.categories];
  const categories = [...declared, ...termCategories.filter((category) => !declared.includes(category))];
  if (categories.length > 0) record.categories = categories;
  // A page's own zone stays as written, for the checker to judge (`blackout.zone: 5` is invalid, not replaced).
  if (zone !== undefined && !read.blackout.has('zone')) record.zone = zone;
  if (record.channel === undefined) record.channel = DEFAULT_CHANNEL;
  return { kind: 'record', record, source: { file: read.page.file, index: 0, line: read.page.openLine } };
}

/** The policy categories of a page's site terms; none when `--front-matter` says where categories come from. */
function termCategories(read: Read, map: TermMap | undefined, terms: readonly unknown[]): string[] {
  return read.options.mapping?.categories ? [] : categoriesOfTerms(map, terms);
}

/** The zone of a page's local times: its own `blackout.zone`, else `--zone`, else its site's. */
function zoneOf(read: Read, siteZone: string | undefined): string | undefined {
  const own = read.blackout.get('zone')?.value;
  return typeof own === 'string' ? own : (read.options.zone ?? siteZone);
}

/** Hugo's draft flag and the key that set it: `draft` (cast.ToBool), else `published` read as a boolean, negated. */
function hugoDraft(view: KeyView): string | undefined {
  const draft = view.get('draft');
  if (draft) return goBool(draft.value) === true ? `${draft.key}: ${String(draft.value)}` : undefined;
  const published = view.get('published');
  if (published && goBool(published.value) === false) return `${published.key}: ${String(published.value)}`;
  return undefined;
}

/** spf13/cast's ToBoolE: undefined where it fails (a date in `published` is no flag). */
function goBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === null) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** A page's base name as Hugo sees it (`_index`, `index`), and its content base name: a leaf bundle's folder name for `index`. */
function pageBaseName(file: string): { name: string; content: string } {
  const name = basename(file).replace(/\.[^.]*$/, '');
  const bare = name.replace(/\.[a-z]{2}(?:-[a-z]+)?$/i, '');
  const folder = basename(resolve(file, '..'));
  return { name: bare, content: bare === 'index' ? folder : bare };
}

function skipped(page: Page, reason: SkipReason, message: string): InputItem {
  return { kind: 'skipped', source: { file: page.file, index: 0, line: page.openLine }, reason, message };
}

/** The first of `candidates` the page has (not null), as its value and the key it came from. */
function firstValue(view: KeyView, candidates: readonly string[], page: Page): { key: string; value: unknown } | undefined {
  for (const key of candidates) {
    const value = key === PATH_KEY ? page.file : key === CONTENT_KEY ? page.body : view.path(key)?.value;
    if (value !== undefined && value !== null) return { key, value };
  }
  return undefined;
}

function setRecordField(record: Record<string, unknown>, field: string, value: unknown): void {
  setField(record, field.split('.'), normalised(field, value));
}

/** Dates as ISO 8601, lists written as one string split on spaces and commas. */
function normalised(field: string, value: unknown): unknown {
  if (INSTANT_FIELDS.has(field) && typeof value === 'string') return yamlTimestampToIso(value);
  if (LIST_FIELDS.has(field) && typeof value === 'string') return value.split(/[\s,]+/).filter((part) => part !== '');
  return value;
}

/** The front-matter keys a mapping reads (the first step of a dotted path). */
function mappedKeys(mapping: FrontMatterMapping): string[] {
  return Object.values(mapping)
    .flat()
    .filter((key) => key !== PATH_KEY && key !== CONTENT_KEY)
    .map((key) => key.split('.')[0]!);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Jekyll's singular keys: one term as written, or a list. */
function oneOrMany(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}
