import { LANGS, type Lang } from '../cms/lang.js';

/** How many ranges of a header are read: a real one has a handful. */
const MAX_RANGES = 64;

/**
 * The language to answer in, from an Accept-Language header (RFC 9110,
 * 12.5.4): the supported language of the highest weight, ranges read as
 * RFC 4647's lookup does (`fr-CA` falls back to `fr`), `*` for any language
 * not named, `q=0` for one refused. English when nothing asked for is supported.
 *
 * @example
 * preferredLang('en;q=0.5, fr;q=0.9'); // 'fr'
 * preferredLang('de, fr;q=0.1'); // 'fr'
 */
export function preferredLang(header: string | undefined): Lang {
  if (!header) return LANGS[0]!;
  const weights = new Map<Lang | '*', number>();
  for (const item of header.split(',').slice(0, MAX_RANGES)) {
    const match = /^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*)?$/.exec(item);
    if (!match) continue;
    const range = match[1]!.toLowerCase();
    const weight = match[2] === undefined ? 1 : Number(match[2]);
    const lang = range === '*' ? '*' : LANGS.find((candidate) => range === candidate || range.startsWith(`${candidate}-`));
    // Two ranges of one language (`fr-CA;q=0.2, fr`): the higher weight counts.
    if (lang !== undefined && weight > (weights.get(lang) ?? -1)) weights.set(lang, weight);
  }
  let best: Lang | undefined;
  let bestWeight = 0;
  // A language not named takes the weight of `*`; on a tie, the first of LANGS (en) wins.
  for (const lang of LANGS) {
    const weight = weights.get(lang) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = lang;
      bestWeight = weight;
    }
  }
  return best ?? LANGS[0]!;
}
