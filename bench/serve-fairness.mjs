// One client's costly requests against everyone else's (issue 11, break B9):
// starts the built `blackout serve` with a token, then for --seconds keeps
// 20 authenticated connections busy with 75 KB requests (1,000 records each,
// local times in random IANA zones and years 1000-9999, new ones every time),
// while another client sends a one-record request every 250 ms. Prints how
// long that one-record request waited (p50, p90, max) and how many of the
// large requests were answered. Loopback only; bounded in time.
// Run: npm run build && node bench/serve-fairness.mjs [--seconds S] [--root DIR]
//      (--root /path/to/another/checkout measures its build, e.g. before a change)
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { random as seededRandom } from './records.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    root: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) },
    connections: { type: 'string', default: '20' },
  },
});
const TOKEN = 'bench-token-0123456789';
const root = resolve(values.root);
const child = spawn(process.execPath, [join(root, 'dist/cli/bin.cjs'), 'serve', '--host', '127.0.0.1', '--port', '0', '--token', TOKEN], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise((resolvePort, reject) => {
  let text = '';
  child.stderr.on('data', (chunk) => {
    text += chunk;
    const found = /listening on (http:\/\/[^\s]+)/.exec(text);
    if (found) resolvePort(new URL(found[1]));
  });
  child.on('exit', (code) => reject(new Error(`the service exited (${code}): ${text}`)));
});
if (url.hostname !== '127.0.0.1') throw new Error('loopback only');

const zones = Intl.supportedValuesOf('timeZone');
const random = seededRandom(1);
const below = (n) => Math.floor(random() * n);
const pad = (n, width = 2) => String(n).padStart(width, '0');
/** 1,000 records, about 75 KB: local times in random zones and years. */
const costlyBody = () =>
  JSON.stringify(
    Array.from({ length: 1000 }, (_, index) => ({
      id: `z${index}`,
      publishedAt: `${1000 + below(9000)}-${pad(1 + below(12))}-${pad(1 + below(28))}T${pad(below(24))}:${pad(below(60))}:00`,
      zone: zones[below(zones.length)],
      categories: ['poll'],
    })),
  );
const ONE = JSON.stringify({ id: 'one', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] });

function post(agent, body) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const outgoing = request(
      { host: url.hostname, port: url.port, path: '/v1/check', method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => done({ status: response.statusCode, ms: performance.now() - started }));
      },
    );
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

const deadline = Date.now() + Number(values.seconds) * 1000;
const costly = [];
const costlyAgent = new Agent({ keepAlive: true, maxSockets: Number(values.connections) });
const attackers = Array.from({ length: Number(values.connections) }, async () => {
  while (Date.now() < deadline) costly.push(await post(costlyAgent, costlyBody()));
});
const probes = [];
const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
const prober = (async () => {
  // Once the large requests are under way.
  await new Promise((wait) => setTimeout(wait, 500));
  while (Date.now() < deadline) {
    probes.push(await post(probeAgent, ONE));
    await new Promise((wait) => setTimeout(wait, 250));
  }
})();
await Promise.all([...attackers, prober]);
child.kill('SIGTERM');
costlyAgent.destroy();
probeAgent.destroy();

const at = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];
const waits = probes.map((probe) => probe.ms);
const statuses = (list) => Object.entries(list.reduce((count, { status }) => ({ ...count, [status]: (count[status] ?? 0) + 1 }), {})).map(([status, count]) => `${count}×${status}`).join(' ');
console.log(`node ${process.version}, ${root}, ${values.connections} connections of 1,000-record requests (${(Buffer.byteLength(costlyBody()) / 1024).toFixed(0)} KB) for ${values.seconds} s`);
console.log(`one-record request: ${probes.length} sent (${statuses(probes)}), waited p50 ${at(waits, 0.5).toFixed(0)} ms, p90 ${at(waits, 0.9).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`);
console.log(`large requests: ${costly.length} answered (${statuses(costly)}), ${(costly.length / Number(values.seconds)).toFixed(1)}/s, p50 ${at(costly.map((c) => c.ms), 0.5).toFixed(0)} ms`);
