// Load on `blackout serve` from a second process, on loopback only: starts the
// built service (pinned to one core with taskset when there is one), sends
// single-record POST /v1/check requests over kept-alive connections, and
// prints requests/s, p50/p99 latency, failures, and the service's RSS as the
// requests go by. Bounded in count and in time.
// Run: npm run build && node bench/serve-load.mjs [--requests N] [--connections C] [--seconds S] [--decision-log [--fsync]]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
const serveArgs = [join(root, 'dist/cli/bin.cjs'), 'serve', '--host', HOST, '--port', '0', ...(values['decision-log'] ? ['--decision-log', logFile] : []), ...(values.fsync ? ['--fsync'] : [])];
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

// Requests are written as bytes over raw kept-alive sockets and responses read
// by their Content-Length: node:http's client costs more CPU than the service
// itself, and would measure the client.
const requests = makeRecords(10_000).map((record) => {
  const body = Buffer.from(JSON.stringify(record));
  return Buffer.concat([Buffer.from(`POST /v1/check HTTP/1.1\r\nHost: ${HOST}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
});
const failureKinds = new Map();
const countFailure = (kind) => failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);

/** One kept-alive connection; `send` resolves with the HTTP status (0 when the connection failed). */
function connection() {
  let socket;
  let buffer = Buffer.alloc(0);
  let waiting;
  const open = () => {
    socket = connect(Number(url.port), HOST);
    socket.setNoDelay(true);
    buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0 || !waiting) return;
      const head = buffer.toString('latin1', 0, headerEnd);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? Number.NaN);
      if (buffer.length < headerEnd + 4 + length) return;
      buffer = buffer.subarray(headerEnd + 4 + length);
      const done = waiting;
      waiting = undefined;
      done(Number(head.slice(9, 12)));
    });
    const fail = (error) => {
      if (error) countFailure(error.code ?? error.message);
      socket = undefined;
      const done = waiting;
      waiting = undefined;
      done?.(0);
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
  };
  const send = (bytes) =>
    new Promise((resolve) => {
      if (!socket) open();
      waiting = resolve;
      socket.write(bytes);
    });
  send.close = () => socket?.end();
  return send;
}

/** Sends `count` requests over `connections` loops; returns latencies (µs) and failures. */
async function run(count, onProgress) {
  const latencies = new Float64Array(count);
  let next = 0;
  let failures = 0;
  let done = 0;
  const loop = async () => {
    const send = connection();
    while (next < count && Date.now() < deadline) {
      const index = next++;
      const start = process.hrtime.bigint();
      const status = await send(requests[index % requests.length]);
      latencies[index] = Number(process.hrtime.bigint() - start) / 1000;
      if (status !== 200) {
        failures++;
        if (status !== 0) countFailure(`HTTP ${status}`);
      }
      done++;
      onProgress?.(done);
    }
    send.close();
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
const clientBefore = process.cpuUsage();
const samples = [];
const step = Math.max(1, Math.floor(total / 10));
const result = await run(total, (done) => {
  if (done % step === 0) samples.push(`${(done / 1000).toFixed(0)}k: ${rssMb()} MB`);
});
const after = rssMb();
const cpuUsed = cpuSeconds() - cpuBefore;
const clientUsage = process.cpuUsage(clientBefore);
const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
const at = (q) => (result.latencies[Math.min(result.latencies.length - 1, Math.floor(q * result.latencies.length))] / 1000).toFixed(2);
console.log(`requests: ${result.done.toLocaleString('en')} of ${total.toLocaleString('en')} in ${result.seconds.toFixed(1)} s${result.done < total ? ' (time limit reached)' : ''}`);
console.log(`throughput: ${Math.round(result.done / result.seconds).toLocaleString('en')} checks/s`);
console.log(`service CPU: ${((cpuUsed / result.seconds) * 100).toFixed(0)}% of one core (${Math.round(result.done / cpuUsed).toLocaleString('en')} checks per CPU second); load generator: ${((clientCpu / result.seconds) * 100).toFixed(0)}%`);
console.log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} (other processes compete for the CPUs when it exceeds 2)`);
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
process.exit(0);
rmSync(folder, { recursive: true, force: true });
