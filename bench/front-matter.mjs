// How long front matter takes to read: hostile pages at the size cap (64 KiB of front
// matter: TOML dotted keys, table headers and arrays of tables, deep inline values,
// YAML and JSON), each the worst of the shapes tried, best of three; then a Hugo site of
// 2,000 pages in 40 folders read by readInputs (site lookup, TOML and YAML, term map), and
// the same pages read as plain records (--site none), for what reading them as Hugo does costs.
// Run: npm run build && node bench/front-matter.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontMatterItems } from '../dist/records/front-matter/read-front-matter.js';
import { readInputs } from '../dist/records/read-inputs.js';

const CAP = 64 * 1024 - 64;
const fill = (unit) => unit.repeat(Math.floor(CAP / unit.length));
const hostile = {
  'TOML dotted key, 32k levels': `+++\n${'a.'.repeat(CAP / 2 - 4)}a = 1\n+++\n`,
  'TOML table header, 32k levels': `+++\n[${'a.'.repeat(CAP / 2 - 4)}a]\n+++\n`,
  'TOML 6k tables': `+++\n${Array.from({ length: 6_000 }, (_, i) => `[t${i}]`).join('\n')}\n+++\n`,
  'TOML arrays of tables': `+++\n${fill('[[a.b]]\n')}+++\n`,
  'TOML inline arrays, nested 32k deep': `+++\na = ${'['.repeat(CAP / 2 - 8)}${']'.repeat(CAP / 2 - 8)}\n+++\n`,
  'TOML unclosed array': `+++\na = [${fill('1,\n')}\n+++\n`,
  'YAML flow, nested 32k deep': `---\na: ${'['.repeat(CAP / 2 - 8)}${']'.repeat(CAP / 2 - 8)}\n---\n`,
  'YAML 5k keys': `---\n${Array.from({ length: 5_000 }, (_, i) => `k${i}: ${i}`).join('\n')}\n---\n`,
  'JSON nested 10k deep': `${'{"a":'.repeat(CAP / 6 - 2)}1${'}'.repeat(CAP / 6 - 2)}\n`,
  'JSON unclosed string': `{"a": "${fill('x')}\n`,
};
const options = { lang: 'en' };
console.log('hostile front matter (64 KiB), best of 3:');
for (const [name, text] of Object.entries(hostile)) {
  let best = Infinity;
  let outcome = '';
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const [item] = frontMatterItems(text, 'page.md', undefined, options);
    best = Math.min(best, performance.now() - start);
    outcome = item.kind === 'error' ? item.message.slice(0, 60) : item.kind;
  }
  console.log(`  ${name.padEnd(38)} ${best.toFixed(0).padStart(5)} ms  ${outcome}`);
}

const root = mkdtempSync(join(tmpdir(), 'blackout-bench-site-'));
try {
  writeFileSync(join(root, 'hugo.toml'), "timeZone = 'Europe/Paris'\n");
  writeFileSync(join(root, 'blackout-terms.yaml'), 'sondages: poll\nrésultats: result\n');
  let pages = 0;
  for (let folder = 0; folder < 40; folder++) {
    const dir = join(root, 'content', `section-${folder}`);
    mkdirSync(dir, { recursive: true });
    for (let page = 0; page < 50; page++, pages++) {
      const text =
        page % 2 === 0
          ? `+++\ntitle = "Page ${page}"\ndate = 2017-05-06T10:${String(page).padStart(2, '0')}:00\ncategories = ["Politique", "Sondages"]\n+++\nCorps.\n`
          : `---\ntitle: Page ${page}\ndate: 2017-05-06T10:00:00+02:00\npublishDate: 2017-05-07 20:00:00\ntags: [résultats]\n---\nCorps.\n`;
      writeFileSync(join(dir, `page-${page}.md`), text);
    }
  }
  for (const site of ['auto', 'none']) {
    let best = Infinity;
    let read = 0;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      read = 0;
      for await (const batch of readInputs([join(root, 'content')], { site })) read += batch.filter((item) => item.kind === 'record').length;
      best = Math.min(best, performance.now() - start);
    }
    console.log(`Hugo site, --site ${site}: ${read}/${pages} pages read in ${best.toFixed(0)} ms (${Math.round((read / best) * 1000)} pages/s), best of 3`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
