// Realistic publication records for benchmarks: mixed offsets, regions, categories,
// channels and lifecycles; about a fifth fall on an election weekend. Seeded, so
// every run measures the same data.

const CATEGORIES = ['news', 'news', 'news', 'propaganda', 'poll', 'result', 'leak', 'political-ad', 'leaflet', 'new-polemic'];
const CHANNELS = ['web', 'social', 'broadcast', 'print', 'email', 'sms'];
const AUDIENCES = [undefined, undefined, ['FR'], ['FR-MET'], ['GP', 'MQ'], ['RE'], ['NC', 'WF'], ['PM'], ['FR-SAT']];
const OFFSETS = ['Z', '+02:00', '+01:00', '-04:00', '-02:00', '+04:00', '+11:00', '-10:00'];
const KINDS = ['media', 'media', 'candidate', 'party', 'individual', 'platform'];
const WEEKENDS = ['2017-04-21', '2017-05-05', '2022-04-08', '2022-04-22', '2024-06-07', '2024-06-28', '2024-07-05', '2019-05-24'];
const WORDS = 'le la les un une des et est dans pour sur avec campagne candidat programme réunion ville région économie santé école emploi'.split(' ');

/** A small deterministic PRNG (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

function instant(next) {
  let ms;
  if (next() < 0.2) {
    const weekend = Date.parse(`${WEEKENDS[Math.floor(next() * WEEKENDS.length)]}T00:00:00Z`);
    ms = weekend + Math.floor(next() * 3 * 86_400_000);
  } else {
    ms = Date.parse('2016-01-01T00:00:00Z') + Math.floor(next() * 12 * 365 * 86_400_000);
  }
  const offset = OFFSETS[Math.floor(next() * OFFSETS.length)];
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(ms + minutes * 60_000);
  const text = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${offset}`;
  return { ms, text };
}

function sentence(next, words) {
  const parts = [];
  for (let i = 0; i < words; i++) parts.push(WORDS[Math.floor(next() * WORDS.length)]);
  return parts.join(' ');
}

/**
 * `count` records of the stream seeded by `seed` (about 500 bytes each as
 * JSON), as JSON.parse gives them to a CMS hook or a reader: built by string
 * concatenation, V8 would hold timestamps as rope strings that every read walks.
 */
export function makeRecords(count, seed = 2017) {
  const next = random(seed);
  const records = new Array(count);
  for (let index = 0; index < count; index++) {
    const at = instant(next);
    const category = CATEGORIES[Math.floor(next() * CATEGORIES.length)];
    const record = {
      id: `rec-${index}`,
      publishedAt: at.text,
      categories: next() < 0.1 ? [category, 'news'] : [category],
      channel: CHANNELS[Math.floor(next() * CHANNELS.length)],
      publisher: { name: `Publisher ${Math.floor(next() * 500)}`, kind: KINDS[Math.floor(next() * KINDS.length)] },
      title: `${sentence(next, 6)}${next() < 0.05 ? ' sondage' : ''}`,
      body: sentence(next, 45),
      url: `https://example.org/articles/${index}`,
    };
    const audience = AUDIENCES[Math.floor(next() * AUDIENCES.length)];
    if (audience) record.audience = audience;
    if (next() < 0.1) {
      // Left online: first published up to three days earlier, in the same offset.
      record.action = 'remain';
      const first = new Date(Date.parse(at.text) - Math.floor(next() * 3 * 86_400_000)).toISOString();
      record.firstPublishedAt = first;
    } else if (next() < 0.1) record.action = 'update';
    records[index] = JSON.parse(JSON.stringify(record));
  }
  return records;
}
