// Load on `blackout serve` from a second process, on loopback only: starts the
// built service (pinned to one core with taskset when there is one), sends
// single-record POST /v1/check requests over kept-alive connections, and
// prints requests/s, p50/p99 latency, failures, and the service's RSS as the
// requests go by. Bounded in count and in time.
// Run: npm run build && node bench/serve-load.mjs [--requests N] [--connections C] [--seconds S] [--decision-log [--fsync]]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeRecords } from './records.mjs';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '20000' },
    'decision-log': { type: 'boolean', default: false },
    fsync: { type: 'boolean', default: false },
  },
});
const total = Number(values.requests);
const connections = Number(values.connections);
const deadline = Date.now() + Number(values.seconds) * 1000;
const HOST = '127.0.0.1';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'blackout-load-'));
const logFile = join(folder, 'decisions.jsonl');
const serveArgs = [join(root, 'dist/cli/bin.js'), 'serve', '--host', HOST, '--port', '0', ...(values['decision-log'] ? ['--decision-log', logFile] : []), ...(values.fsync ? ['--fsync'] : [])];
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const child = pinned ? spawn('taskset', ['-c', '0', process.execPath, ...serveArgs], { stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(process.execPath, serveArgs, { stdio: ['ignore', 'ignore', 'pipe'] });

const url = await new Promise((resolve, reject) => {
  let text = '';
  child.stderr.on('data', (chunk) => {
    text += chunk;
    const found = /listening on (http:\/\/[^\s]+)/.exec(text);
    if (found) resolve(new URL(found[1]));
  });
  child.on('exit', (code) => reject(new Error(`the service exited (${code}): ${text}`)));
});
if (url.hostname !== HOST) throw new Error(`refusing to load ${url.hostname}: loopback only`);

const rssMb = () => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
    return (kb / 1024).toFixed(1);
  } catch {
    return '?';
  }
};

/** CPU seconds the service has used (user + system), from /proc. */
const cpuSeconds = () => {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

const bodies = makeRecords(10_000).map((record) => Buffer.from(JSON.stringify(record)));
const failureKinds = new Map();
// FIFO reuse keeps every connection busy: an idle one would meet the service's
// keep-alive timeout and race its close (ECONNRESET), a client-side artefact.
const agent = new Agent({ keepAlive: true, maxSockets: connections, scheduling: 'fifo' });

/** One POST; resolves with the HTTP status (0 on a transport error). */
function send(body) {
  return new Promise((resolve) => {
    const outgoing = request({ host: HOST, port: url.port, path: '/v1/check', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode));
    });
    outgoing.on('error', (error) => {
      failureKinds.set(error.code ?? error.message, (failureKinds.get(error.code ?? error.message) ?? 0) + 1);
      resolve(0);
    });
    outgoing.end(body);
  });
}

/** Sends `count` requests over `connections` loops; returns latencies (µs) and failures. */
async function run(count, onProgress) {
  const latencies = new Float64Array(count);
  let next = 0;
  let failures = 0;
  let done = 0;
  const loop = async () => {
    while (next < count && Date.now() < deadline) {
      const index = next++;
      const start = process.hrtime.bigint();
      const status = await send(bodies[index % bodies.length]);
      latencies[index] = Number(process.hrtime.bigint() - start) / 1000;
      if (status !== 200) {
        failures++;
        if (status !== 0) failureKinds.set(`HTTP ${status}`, (failureKinds.get(`HTTP ${status}`) ?? 0) + 1);
      }
      done++;
      onProgress?.(done);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: connections }, loop));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { latencies: latencies.subarray(0, done).sort(), failures, done, seconds };
}

console.log(`node ${process.version}; service ${pinned ? 'pinned to CPU 0' : 'not pinned (no taskset)'}; ${connections} connections; decision log ${values['decision-log'] ? (values.fsync ? 'on, fdatasync before each answer' : 'on, written before each answer') : 'off'}`);
const warmup = await run(Number(values.warmup));
const before = rssMb();
const cpuBefore = cpuSeconds();
const samples = [];
const step = Math.max(1, Math.floor(total / 10));
const result = await run(total, (done) => {
  if (done % step === 0) samples.push(`${(done / 1000).toFixed(0)}k: ${rssMb()} MB`);
});
const after = rssMb();
const cpuUsed = cpuSeconds() - cpuBefore;
const at = (q) => (result.latencies[Math.min(result.latencies.length - 1, Math.floor(q * result.latencies.length))] / 1000).toFixed(2);
console.log(`requests: ${result.done.toLocaleString('en')} of ${total.toLocaleString('en')} in ${result.seconds.toFixed(1)} s${result.done < total ? ' (time limit reached)' : ''}`);
console.log(`throughput: ${Math.round(result.done / result.seconds).toLocaleString('en')} checks/s`);
console.log(`service CPU: ${((cpuUsed / result.seconds) * 100).toFixed(0)}% of one core (${Math.round(result.done / cpuUsed).toLocaleString('en')} checks per CPU second)`);
console.log(`latency: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, p99.9 ${at(0.999)} ms, max ${at(1)} ms`);
console.log(`failed or lost: ${result.failures + (total - result.done)} (non-200 ${result.failures}, unsent ${total - result.done})${failureKinds.size ? `: ${[...failureKinds].map(([kind, count]) => `${kind} ×${count}`).join(', ')}` : ''}`);
console.log(`service RSS: ${before} MB after warm-up, ${after} MB at the end; during: ${samples.join(', ')}`);

child.kill('SIGTERM');
await new Promise((resolve) => child.on('exit', resolve));
if (values['decision-log']) {
  const lines = readFileSync(logFile, 'utf8').split('\n').length - 1;
  const answered = warmup.done - warmup.failures + result.done - result.failures;
  console.log(`decision log: ${lines.toLocaleString('en')} lines for ${answered.toLocaleString('en')} requests answered 200${lines >= answered ? '' : ' (DECISIONS LOST)'}`);
}
agent.destroy();
rmSync(folder, { recursive: true, force: true });
