/** Whose reading of front matter to use: found from the files above each page (`auto`), or said (`--site`); `none` reads pages as plain records. */
export type SiteChoice = 'auto' | 'hugo' | 'jekyll' | 'none';
export const SITE_CHOICES: readonly SiteChoice[] = ['auto', 'hugo', 'jekyll', 'none'];
