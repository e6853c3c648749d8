// Each test file compiles policies into a cache of its own: never the user's,
// never one written by another build of the code under test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'blackout-test-cache-'));
process.env.BLACKOUT_CACHE_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
