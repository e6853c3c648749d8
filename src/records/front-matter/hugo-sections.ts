import { readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { readRegularFileSync } from '../../fs/regular-file.js';
import { describeFsError } from '../list-inputs.js';
import { inputMessages, type InputLang } from '../messages.js';
import { cascadedValues, readCascade, type CascadeEntry, type CascadePage } from './hugo-cascade.js';
import { KeyView } from './keys.js';
import { parseFrontMatter } from './parse.js';
import { splitFrontMatter, splitProblem } from './split.js';

/** A folder of pages in a Hugo site's content tree: where it is on disk and where its pages sit in the tree (`''` or `/sub`, for a mount). */
export interface ContentRoot {
  readonly dir: string;
  readonly prefix: string;
  /** The language of its pages, when the folder is a language's `contentDir`. */
  readonly lang: string | undefined;
}

/** What a Hugo page takes from where it is: its language, its zone, and what the cascades above it give it. */
export interface HugoPageContext {
  readonly lang: string;
  /** The zone of its language's local times: its own `timeZone`, else the site's. */
  readonly zone: string | undefined;
  readonly cascaded: Readonly<Record<string, unknown>>;
  /** Why the cascades above it cannot be used (unreadable, or read two ways by Hugo's versions). */
  readonly problem: string | undefined;
  /** The `index` page of the leaf bundle it is a resource of (see `#bundleIndex`), if it is one. */
  readonly bundle: string | undefined;
}

/** What a Hugo site's sections need of it. */
export interface SectionSite {
  readonly contentRoots: readonly ContentRoot[];
  readonly defaultLanguage: string;
  /** Configured languages (lowercase) and their zones. */
  readonly languageZones: ReadonlyMap<string, string | undefined>;
  /** The zone of a language without its own. */
  readonly zone: string | undefined;
  /** The site settings' own `cascade`, above the home page. */
  readonly cascade: readonly CascadeEntry[];
}

/** Extensions of the section pages read for their cascade. */
const SECTION_EXTENSIONS = ['md', 'markdown', 'html', 'htm'];
/** A section page's front matter is a few KiB; its body is not read. */
const MAX_SECTION_BYTES = 1024 * 1024;

type Section = { readonly entries: readonly CascadeEntry[]; readonly file: string | undefined } | { readonly problem: string };

/** The sections of a run's Hugo sites: each section page's cascade is read once, for every page below it. */
export class HugoSections {
  readonly #lang: InputLang;
  readonly #sections = new Map<string, Promise<Section>>();
  readonly #folderNames = new Map<string, Promise<string[]>>();

  constructor(lang: InputLang) {
    this.#lang = lang;
  }

  /** The context of the page at `path` (absolute) in `site`; undefined when it is in none of the site's content folders. */
  async contextOf(path: string, site: SectionSite): Promise<HugoPageContext | undefined> {
    const root = site.contentRoots.find((candidate) => isInside(path, candidate.dir));
    if (!root) return undefined;
    const page = pageOf(path, root, site);
    const zone = site.languageZones.get(page.lang) ?? site.zone;
    const bundle = await this.#bundleIndex(path, root, page.lang);
    const chain: (readonly CascadeEntry[])[] = [];
    const files: string[] = [];
    // A section page takes its ancestors' cascades, not its own.
    let folder = page.kind === 'page' ? dirname(path) : dirname(dirname(path));
    for (;;) {
      if (!isInside(folder, root.dir) && folder !== root.dir) break;
      const section = await this.#section(folder, page.lang, page.lang === site.defaultLanguage);
      if ('problem' in section) return { lang: page.lang, zone, cascaded: {}, problem: section.problem, bundle };
      chain.push(section.entries);
      if (section.file && section.entries.length > 0) files.push(section.file);
      if (folder === root.dir) break;
      folder = dirname(folder);
    }
    chain.push(site.cascade);
    const { values, ambiguous } = cascadedValues(chain, page);
    const problem = ambiguous ? inputMessages(this.#lang).hugoCascadeAmbiguous(files.length > 0 ? files : ['the site settings']) : undefined;
    return { lang: page.lang, zone, cascaded: values, problem, bundle };
  }

  /**
   * The leaf bundle a page is a resource of: the nearest folder above it (its
   * own included, up to its content folder) holding an `index` page, unless it
   * is that page. Hugo publishes no page inside a leaf bundle: its files go out
   * with the bundle's page. Undefined for a page of no leaf bundle.
   */
  async #bundleIndex(path: string, root: ContentRoot, lang: string): Promise<string | undefined> {
    for (let folder = dirname(path); isInside(folder, root.dir); folder = dirname(folder)) {
      const names = await this.#names(folder);
      const index = [lang, ''].flatMap((code) => SECTION_EXTENSIONS.map((extension) => (code ? `index.${code}.${extension}` : `index.${extension}`))).find((name) => names.includes(name));
      if (index === undefined) continue;
      // The bundle's own page, in any language, is a page, not a resource.
      return /^index(\.[a-z]{2,3}(-[a-z0-9]+)?)?\.[^.]+$/i.test(relative(folder, path)) ? undefined : join(folder, index);
    }
    return undefined;
  }

  #names(folder: string): Promise<string[]> {
    let names = this.#folderNames.get(folder);
    if (!names) {
      names = readdir(folder).catch(() => [] as string[]);
      this.#folderNames.set(folder, names);
    }
    return names;
  }

  /**
   * The cascade of a folder's section page in a language: `_index.<lang>.md`,
   * else for the default language `_index.md` (each language is a site of its
   * own: Hugo 0.111 gives an English page nothing of a French-only `_index.md`).
   */
  #section(folder: string, lang: string, isDefault: boolean): Promise<Section> {
    const key = `${lang}\0${folder}`;
    let section = this.#sections.get(key);
    if (!section) {
      section = this.#readSection(folder, lang, isDefault);
      this.#sections.set(key, section);
    }
    return section;
  }

  async #readSection(folder: string, lang: string, isDefault: boolean): Promise<Section> {
    const names = await this.#names(folder);
    const own = SECTION_EXTENSIONS.map((extension) => `_index.${lang}.${extension}`).find((name) => names.includes(name));
    const shared = isDefault ? SECTION_EXTENSIONS.map((extension) => `_index.${extension}`).find((name) => names.includes(name)) : undefined;
    const name = own ?? shared;
    if (!name) return { entries: [], file: undefined };
    const file = join(folder, name);
    const m = inputMessages(this.#lang);
    let text: string;
    try {
      text = readRegularFileSync(file, { maxBytes: MAX_SECTION_BYTES }).toString('utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      return { problem: m.hugoCascadeUnreadable(file, describeFsError(error, this.#lang)) };
    }
    const split = splitFrontMatter(text, ['yaml', 'toml', 'json'], true);
    if (split.kind === 'none') return { entries: [], file };
    if (split.kind !== 'found') return { problem: m.hugoCascadeUnreadable(`${file}:${split.openLine}`, splitProblem(split, m)) };
    const parsed = parseFrontMatter(split.format, split.text, split.line, this.#lang);
    if (!parsed.ok) return { problem: m.hugoCascadeUnreadable(`${file}:${parsed.line}`, parsed.message) };
    const entries = readCascade(new KeyView(parsed.data, true).get('cascade')?.value, m);
    return 'message' in entries ? { problem: m.hugoCascadeUnreadable(file, entries.message) } : { entries, file };
  }
}

/** A page's place in the content tree, as a cascade's target reads it. */
function pageOf(path: string, root: ContentRoot, site: SectionSite): CascadePage & { readonly lang: string } {
  const rest = relative(root.dir, path).split(sep).join('/');
  const parts = rest.split('/');
  const file = parts.pop()!;
  const stem = file.replace(/\.[^.]*$/, '');
  const suffix = /\.([a-z]{2,3}(?:-[a-z0-9]+)?)$/i.exec(stem)?.[1]?.toLowerCase();
  const lang = suffix !== undefined && site.languageZones.has(suffix) ? suffix : (root.lang ?? site.defaultLanguage);
  const name = suffix !== undefined && site.languageZones.has(suffix) ? stem.slice(0, -suffix.length - 1) : stem;
  const folderPath = `${root.prefix}/${parts.join('/')}`.replace(/\/+$/, '').toLowerCase();
  const isSection = name === '_index';
  const pagePath = isSection || name === 'index' ? folderPath || '/' : `${folderPath}/${name.toLowerCase()}`;
  return {
    path: pagePath,
    filePath: `${root.prefix}/${rest}`.toLowerCase(),
    kind: isSection ? (pagePath === '/' ? 'home' : 'section') : 'page',
    lang,
  };
}

export function isInside(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest !== '' && !rest.startsWith('..') && !rest.startsWith(sep) && !/^[a-zA-Z]:/.test(rest);
}
