/**
 * A check worker (see parallel-check.ts): checks the chunks of NDJSON lines
 * it is handed (see chunk-check.ts) and hands back their output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isBlackoutError, isPolicyError } from '../../errors.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import type { CheckSetup } from './check-setup.js';
import { ChunkChecker } from './chunk-check.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

const setup = workerData as CheckSetup;
const port = parentPort!;

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function handle(checker: ChunkChecker, message: ToWorker): void {
  switch (message.type) {
    case 'chunk': {
      const { lines, index, problems, hashes, ends, buffers, counts } = checker.check(Buffer.from(message.buffer, message.offset, message.length), message);
      // Encoded here, off the main thread, into buffers handed over (and back, once written).
      const transfer = buffers.map((buffer) => buffer.buffer as ArrayBuffer);
      const lengths = buffers.map((buffer) => buffer.length);
      post({ type: 'checked', id: message.id, lines, index, problems, hashes, ends, buffers: transfer, lengths, counts, spare: message.buffer }, [...transfer, hashes.buffer as ArrayBuffer, ends.buffer as ArrayBuffer, message.buffer]);
      return;
    }
    case 'recycle':
      checker.recycle(message.buffer);
      return;
  }
}

// Messages that come while the policy loads wait for it.
let checker: ChunkChecker | undefined;
const early: ToWorker[] = [];
port.on('message', (message: ToWorker) => (checker ? handle(checker, message) : early.push(message)));

/** Loads the policy, then checks what came meanwhile (no top-level await: the worker is bundled as one script too). */
async function start(): Promise<void> {
  try {
    const policy = await loadCheckPolicy(setup.policyPath, { env: setup.env, cwd: setup.cwd });
    checker = new ChunkChecker(setup, policy);
    post({ type: 'ready', policySha256: policy.sha256, opening: checker.formatter.start(checker.ctx) });
  } catch (error) {
    const { name, message } = error as Error;
    post({ type: 'failed', error: { name, message, blackout: isBlackoutError(error), issues: isPolicyError(error) ? error.issues : undefined } });
  }
  if (checker) for (const message of early.splice(0)) handle(checker, message);
}

void start();
