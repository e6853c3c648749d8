/** What a file's place in a Jekyll site says about it (lib/jekyll/document.rb). */
export interface JekyllPlace {
  /** Under `_drafts/`: Jekyll publishes it only with `--drafts`. */
  readonly draft: boolean;
  /** Under `_posts/` or `_drafts/`: a post, dated by its file name when its front matter has no `date`. */
  readonly post: boolean;
  /** `2017-05-06-title.md`: midnight local time of that day, as ISO 8601 without offset. */
  readonly filenameDate: string | undefined;
  /** The folders above `_posts/` (`es/_posts/…` is in category `es`), which Jekyll adds to the categories. */
  readonly pathCategories: readonly string[];
  /** What a default's `scope.type` may name it: `posts` (and `drafts` for a draft), a collection's label, or `pages`. */
  readonly types: readonly string[];
}

/** `DATE_FILENAME_MATCHER`, with four-digit years only: Jekyll's two- and three-digit ones would need a guessed century. */
const DATE_FILENAME = /^(\d{4})-(\d{1,2})-(\d{1,2})-[^/]*\.[^./]+$/;

/**
 * A file's place, from its path relative to the site's root (`/` separated);
 * `collections`: the site's collection labels, whose documents (in `_<label>/`)
 * are dated by their file names as posts are.
 */
export function jekyllPlace(relativePath: string, collections: readonly string[] = []): JekyllPlace {
  const parts = relativePath.split('/').filter((part) => part !== '' && part !== '.');
  const special = parts.findIndex((part) => part === '_posts' || part === '_drafts');
  const draft = special >= 0 && parts[special] === '_drafts';
  const post = special >= 0;
  const collection = post ? undefined : collections.find((label) => parts[0] === `_${label}`);
  const name = parts[parts.length - 1] ?? '';
  const match = post || collection !== undefined ? DATE_FILENAME.exec(name) : null;
  const filenameDate = match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}T00:00:00` : undefined;
  const types = draft ? ['posts', 'drafts'] : post ? ['posts'] : [collection ?? 'pages'];
  return { draft, post, filenameDate, pathCategories: post ? parts.slice(0, special) : [], types };
}
