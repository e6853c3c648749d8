// Preloaded into the CLI by corpus.test.ts (NODE_OPTIONS=--require): writes the
// process's peak resident memory (KiB) to BLACKOUT_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
if (isMainThread && process.env.BLACKOUT_RSS_FILE) {
  process.on('exit', () => writeFileSync(process.env.BLACKOUT_RSS_FILE, String(process.resourceUsage().maxRSS)));
}
