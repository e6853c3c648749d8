import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { readCascade } from './hugo-cascade.js';
import { hugoDateConfig, stringSlice, type HugoDateConfig } from './hugo-dates.js';
import { readJekyllDefaults, type JekyllDefault } from './jekyll-defaults.js';
import { HugoSections, type ContentRoot, type HugoPageContext, type SectionSite } from './hugo-sections.js';
import { isKnownZone } from '../instant.js';
import { describeFsError } from '../list-inputs.js';
import { readRegularFileSync } from '../../fs/regular-file.js';
import { inputMessages, type InputLang } from '../messages.js';
import { parseFrontMatter } from './parse.js';
import type { SiteChoice } from './site-choice.js';
import { parseTermMap, readTermFile, SITE_TERM_FILES, type TermMap } from './term-map.js';

/** A Hugo site's settings that change how its pages are read. */
export interface HugoSite extends SectionSite {
  readonly kind: 'hugo';
  /** The folder holding its configuration; undefined when `--site hugo` found none (Hugo's defaults apply). */
  readonly root: string | undefined;
  /** `timeZone`, `UTC` when unset (Hugo reads local times in UTC then); a language's own `timeZone` wins for its pages. */
  readonly zone: string;
  readonly dates: HugoDateConfig;
  /** The front-matter keys of its taxonomies (lowercase; `categories`, `tags` by default). */
  readonly taxonomies: readonly string[];
  readonly gitInfo: boolean;
  readonly buildDrafts: boolean;
  readonly buildExpired: boolean;
  readonly terms: TermMap | undefined;
}

/** A Jekyll site's settings that change how its pages are read. */
export interface JekyllSite {
  readonly kind: 'jekyll';
  readonly root: string | undefined;
  /** `timezone`; undefined when unset: Jekyll then uses the machine's zone, which blackout does not guess. */
  readonly zone: string | undefined;
  readonly showDrafts: boolean;
  readonly unpublished: boolean;
  readonly terms: TermMap | undefined;
  /** Its collections' labels (`collections:`), whose documents are dated by their file names. */
  readonly collections: readonly string[];
  readonly defaults: readonly JekyllDefault[];
}

/** A site whose settings cannot be read: each of its pages is an input problem saying why. */
export interface BrokenSite {
  readonly kind: 'broken';
  readonly message: string;
}

export type Site = HugoSite | JekyllSite | BrokenSite;

/** Folders looked at above a page, at most: a site's root is rarely more than a few levels up. */
const MAX_LEVELS = 32;
const CONFIG_EXTENSIONS = ['toml', 'yaml', 'yml', 'json'] as const;
/** Hugo 0.111+: the first of these names that exists, in this order, is the site's configuration file. */
const HUGO_NAMES = ['hugo', 'config'].flatMap((name) => CONFIG_EXTENSIONS.map((extension) => `${name}.${extension}`));
const JEKYLL_NAMES = ['_config.yml', '_config.yaml', '_config.toml'];
/** The configuration folder's layers, as `hugo` (a production build) merges them. */
const HUGO_CONFIG_LAYERS = ['_default', 'production'];

interface Root {
  readonly folder: string;
  readonly site: Site;
}

/** The site a page belongs to, its root, and for a Hugo page in its content, what its place there gives it. */
export interface PageSite {
  readonly site: Site;
  readonly root: string | undefined;
  readonly hugo?: HugoPageContext;
  /** A resource of a Hugo leaf bundle: the bundle's page, read as its site reads it (its text, or why it cannot be read). */
  readonly bundle?: { readonly file: string; readonly text: string; readonly site: PageSite } | { readonly file: string; readonly problem: string };
}

/** A bundle's page is a page: read whole, as check reads one. */
const MAX_BUNDLE_PAGE_BYTES = 16 * 1024 * 1024;

/**
 * Finds the site a page belongs to: the nearest folder above it holding a
 * Hugo configuration (`hugo.toml|yaml|yml|json`; `config.*` or `config/_default/`
 * together with its content folder) or a Jekyll one (`_config.yml|yaml|toml`).
 * The search stops at the file system's root, at a folder holding `.git`, or
 * after MAX_LEVELS folders. Each folder is looked at once per run and each
 * site's settings read once.
 */
export class SiteFinder {
  readonly #choice: SiteChoice;
  readonly #lang: InputLang;
  readonly #folders = new Map<string, Promise<Root | undefined>>();
  readonly #sections: HugoSections;

  constructor(choice: SiteChoice, lang: InputLang) {
    this.#choice = choice;
    this.#lang = lang;
    this.#sections = new HugoSections(lang);
  }

  /** The site of a page (undefined: none, read it as a plain record); `file` undefined is standard input. */
  async siteOf(file: string | undefined): Promise<PageSite | undefined> {
    if (this.#choice === 'none') return undefined;
    const forced = this.#choice === 'auto' ? undefined : this.#choice;
    if (file === undefined) return forced && { site: defaultSite(forced), root: undefined };
    const path = resolve(file);
    const found = await this.#lookUp(dirname(path), 0);
    if (!found) return forced && { site: defaultSite(forced), root: undefined };
    const { site, folder } = found;
    if (site.kind !== 'hugo') return { site, root: folder };
    const hugo = await this.#sections.contextOf(path, site);
    // A Hugo site's pages are its content; files elsewhere in it (layouts, archetypes) are not pages.
    if (!hugo && !forced) return undefined;
    const bundle = hugo?.bundle === undefined ? undefined : await this.#bundle(hugo.bundle);
    return { site, root: folder, ...(hugo ? { hugo } : {}), ...(bundle ? { bundle } : {}) };
  }

  /** A leaf bundle's page, read whole, with the site it is read in. */
  async #bundle(file: string): Promise<PageSite['bundle']> {
    let text: string;
    try {
      text = readRegularFileSync(file, { maxBytes: MAX_BUNDLE_PAGE_BYTES }).toString('utf8');
    } catch (error) {
      return { file, problem: describeFsError(error, this.#lang) };
    }
    return { file, text, site: (await this.siteOf(file))! };
  }

  #lookUp(folder: string, level: number): Promise<Root | undefined> {
    let found = this.#folders.get(folder);
    if (!found) {
      found = this.#look(folder, level);
      this.#folders.set(folder, found);
    }
    return found;
  }

  async #look(folder: string, level: number): Promise<Root | undefined> {
    const names = new Set(await readdir(folder).catch(() => [] as string[]));
    const site = await this.#siteAt(folder, names);
    if (site) return { folder, site };
    const parent = dirname(folder);
    if (parent === folder || level + 1 >= MAX_LEVELS || names.has('.git')) return undefined;
    return this.#lookUp(parent, level + 1);
  }

  async #siteAt(folder: string, names: ReadonlySet<string>): Promise<Site | undefined> {
    const lookForHugo = this.#choice !== 'jekyll';
    const lookForJekyll = this.#choice !== 'hugo';
    const hugoFile = lookForHugo ? HUGO_NAMES.find((name) => names.has(name)) : undefined;
    const hugoFolder = lookForHugo && names.has('config') && (await isFolder(join(folder, 'config', '_default')));
    const jekyllFile = lookForJekyll ? JEKYLL_NAMES.find((name) => names.has(name)) : undefined;
    if (!hugoFile && !hugoFolder && !jekyllFile) return undefined;
    const terms = await this.#terms(folder, names);
    if (terms && 'message' in terms) return terms;
    if (hugoFile || hugoFolder) {
      const hugo = await loadHugo(folder, hugoFile, terms, this.#lang);
      // `config.*` is a common name: without its content folder, this is not a Hugo site.
      const confirmed = hugo.kind === 'broken' || hugoFile?.startsWith('hugo.') || this.#choice === 'hugo' || (await someFolder(hugo.contentRoots.map((content) => content.dir)));
      if (confirmed && jekyllFile) return { kind: 'broken', message: inputMessages(this.#lang).siteAmbiguous(folder) };
      if (confirmed) return hugo;
    }
    return jekyllFile ? loadJekyll(folder, jekyllFile, terms, this.#lang) : undefined;
  }

  /** The term map at a site's root, if it has one. */
  async #terms(folder: string, names: ReadonlySet<string>): Promise<TermMap | BrokenSite | undefined> {
    const name = SITE_TERM_FILES.find((candidate) => names.has(candidate));
    if (!name) return undefined;
    const path = join(folder, name);
    const text = await readTermFile(path, this.#lang);
    if (typeof text !== 'string') return { kind: 'broken', message: inputMessages(this.#lang).siteConfig(path, text.message) };
    const map = parseTermMap(text, path, this.#lang);
    return 'message' in map ? { kind: 'broken', message: inputMessages(this.#lang).siteConfig(`${path}:${map.line}`, map.message) } : map;
  }
}

/** Hugo's or Jekyll's defaults, for `--site` without a configuration found. */
function defaultSite(kind: 'hugo' | 'jekyll'): Site {
  if (kind === 'jekyll') return { kind, root: undefined, zone: undefined, showDrafts: false, unpublished: false, terms: undefined, collections: [], defaults: [] };
  return {
    kind,
    root: undefined,
    zone: 'UTC',
    dates: hugoDateConfig(undefined),
    taxonomies: ['categories', 'tags'],
    gitInfo: false,
    buildDrafts: false,
    buildExpired: false,
    contentRoots: [],
    defaultLanguage: 'en',
    languageZones: new Map(),
    cascade: [],
    terms: undefined,
  };
}

async function loadHugo(root: string, file: string | undefined, terms: TermMap | undefined, lang: InputLang): Promise<HugoSite | BrokenSite> {
  const m = inputMessages(lang);
  const files = file ? [join(root, file)] : [];
  for (const layer of HUGO_CONFIG_LAYERS) {
    const folder = join(root, 'config', layer);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.sort()) if (CONFIG_EXTENSIONS.some((extension) => name.endsWith(`.${extension}`))) files.push(join(folder, name));
  }
  const config: Record<string, unknown> = {};
  for (const path of files) {
    const read = await readConfig(path, lang);
    if ('message' in read) return { kind: 'broken', message: m.siteConfig(read.place, read.message) };
    const base = path.slice(0, -extname(path).length).split(sep).pop()!.toLowerCase();
    // In config/_default/, hugo.toml and config.toml hold the root; menus.toml, languages.toml… the key they are named for.
    const inFolder = dirname(dirname(path)) === join(root, 'config');
    if (!inFolder || base === 'hugo' || base === 'config') merge(config, read.value);
    else if (!base.includes('.')) merge(config, { [base]: read.value });
  }
  const zoneSetting = config.timezone;
  const zone = typeof zoneSetting === 'string' && zoneSetting !== '' ? zoneSetting : 'UTC';
  if (!isKnownZone(zone)) return { kind: 'broken', message: m.siteConfig(files[0] ?? root, m.siteZone(zone)) };
  const languages = isObject(config.languages) ? Object.entries(config.languages).filter((entry): entry is [string, Record<string, unknown>] => isObject(entry[1])) : [];
  const languageZones = new Map<string, string | undefined>();
  for (const [name, language] of languages) {
    const own = typeof language.timezone === 'string' && language.timezone !== '' ? language.timezone : undefined;
    if (own !== undefined && !isKnownZone(own)) return { kind: 'broken', message: m.siteConfig(files[0] ?? root, m.siteZone(own)) };
    languageZones.set(name.toLowerCase(), own);
  }
  const cascade = readCascade(config.cascade, m);
  if ('message' in cascade) return { kind: 'broken', message: m.siteConfig(files[0] ?? root, cascade.message) };
  const taxonomies = isObject(config.taxonomies) ? stringSlice(Object.values(config.taxonomies)).map((key) => key.toLowerCase()) : ['categories', 'tags'];
  return {
    kind: 'hugo',
    root,
    zone,
    contentRoots: contentRoots(root, config, languages),
    defaultLanguage: typeof config.defaultcontentlanguage === 'string' && config.defaultcontentlanguage !== '' ? config.defaultcontentlanguage.toLowerCase() : 'en',
    languageZones,
    cascade,
    dates: hugoDateConfig(config.frontmatter),
    taxonomies,
    gitInfo: truthy(config.enablegitinfo),
    buildDrafts: truthy(config.builddrafts),
    buildExpired: truthy(config.buildexpired),
    terms,
  };
}

/**
 * Where a Hugo site's pages are: the folders mounted on `content` (module
 * mounts: declaring one drops the default, as Hugo does), else `contentDir`
 * and each language's own.
 */
function contentRoots(root: string, config: Record<string, unknown>, languages: readonly [string, Record<string, unknown>][]): ContentRoot[] {
  const mounts = isObject(config.module) && Array.isArray(config.module.mounts) ? config.module.mounts.filter(isObject) : [];
  const mounted: ContentRoot[] = [];
  for (const mount of mounts) {
    const { source, target } = mount;
    if (typeof source !== 'string' || typeof target !== 'string') continue;
    const where = target.replace(/\\/g, '/').replace(/\/+$/, '');
    if (where !== 'content' && !where.startsWith('content/')) continue;
    mounted.push({ dir: resolve(root, source), prefix: where.slice('content'.length), lang: typeof mount.lang === 'string' && mount.lang !== '' ? mount.lang.toLowerCase() : undefined });
  }
  if (mounted.length > 0) return mounted;
  const main = typeof config.contentdir === 'string' && config.contentdir !== '' ? config.contentdir : 'content';
  const own = languages.flatMap(([name, language]) => (typeof language.contentdir === 'string' && language.contentdir !== '' ? [{ dir: resolve(root, language.contentdir), prefix: '', lang: name.toLowerCase() }] : []));
  return [...own, { dir: resolve(root, main), prefix: '', lang: undefined }];
}

async function loadJekyll(root: string, file: string, terms: TermMap | undefined, lang: InputLang): Promise<JekyllSite | BrokenSite> {
  const m = inputMessages(lang);
  const path = join(root, file);
  // Jekyll's keys are case-sensitive: `timezone`, not `timeZone`.
  const read = await readConfig(path, lang, false);
  if ('message' in read) return { kind: 'broken', message: m.siteConfig(read.place, read.message) };
  const zone = read.value.timezone;
  if (zone !== undefined && zone !== null && (typeof zone !== 'string' || !isKnownZone(zone))) return { kind: 'broken', message: m.siteConfig(path, m.siteZone(String(zone))) };
  const defaults = readJekyllDefaults(read.value.defaults, m);
  if ('message' in defaults) return { kind: 'broken', message: m.siteConfig(path, defaults.message) };
  const { collections } = read.value;
  const labels = Array.isArray(collections) ? collections.filter((label): label is string => typeof label === 'string') : isObject(collections) ? Object.keys(collections) : [];
  return { kind: 'jekyll', root, zone: zone ?? undefined, showDrafts: read.value.show_drafts === true, unpublished: read.value.unpublished === true, terms, collections: labels.filter((label) => label !== 'posts'), defaults };
}

/** Settings files are a few KiB. */
const MAX_CONFIG_BYTES = 1024 * 1024;

async function readConfig(path: string, lang: InputLang, lowercase = true): Promise<{ value: Record<string, unknown> } | { place: string; message: string }> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_CONFIG_BYTES) return { place: path, message: inputMessages(lang).tooLarge(bytes.length, MAX_CONFIG_BYTES) };
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { place: path, message: describeFsError(error, lang) };
  }
  const extension = extname(path).slice(1);
  const parsed = parseFrontMatter(extension === 'toml' ? 'toml' : extension === 'json' ? 'json' : 'yaml', text, 1, lang);
  if (!parsed.ok) return { place: `${path}:${parsed.line}`, message: parsed.message };
  return { value: lowercase ? lowercaseKeys(parsed.data) : parsed.data };
}

/** Hugo reads its settings' keys in any case: they are lowercased, nested ones too (the parse capped the depth). */
function lowercaseKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key.toLowerCase()] = isObject(child) ? lowercaseKeys(child) : child;
  return out;
}

/** Later settings over earlier ones, mappings merged key by key. */
function merge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const before = target[key];
    if (isObject(before) && isObject(value)) merge(before, value);
    else target[key] = isObject(value) ? { ...value } : value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}

async function someFolder(paths: readonly string[]): Promise<boolean> {
  for (const path of paths) if (await isFolder(path)) return true;
  return false;
}

