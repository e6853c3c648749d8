import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChecker, type Checker } from '../../src/index.js';
import { createService } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import { parseRaw, rawExchange } from './client.js';

const body = JSON.stringify({ id: 'in-flight', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'] });

let checker: Checker;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});

describe('graceful shutdown', () => {
  it('finishes a request in flight, then stops', async () => {
    const service = createService({ checker });
    const { port, url } = await service.listen(0);
    let closed = false;
    const answer = rawExchange(port, async (socket) => {
      socket.write(`POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
      await sleep(100);
      const closing = service.close().then(() => (closed = true));
      await sleep(50);
      expect(closed).toBe(false);
      socket.write(body.slice(10));
      await closing;
    });
    const { status, body: report } = parseRaw(await answer);
    expect(status).toBe(200);
    expect(report.results[0]).toMatchObject({ id: 'in-flight', status: 'blocked', earliestAllowedAt: '2017-05-07T18:00:00.000Z' });
    await sleep(10);
    expect(closed).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('does not wait for idle kept-alive connections', async () => {
    const service = createService({ checker });
    const { url } = await service.listen(0);
    expect((await fetch(`${url}/healthz`, { keepalive: true })).status).toBe(200);
    const started = Date.now();
    await service.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cuts a request that does not finish within the grace time', async () => {
    const service = createService({ checker, limits: { bodyTimeoutMs: 60_000, headersTimeoutMs: 60_000, shutdownGraceMs: 200 } });
    const { port } = await service.listen(0);
    const answer = rawExchange(port, (socket) => socket.write('POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{'));
    await sleep(100);
    const started = Date.now();
    await service.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await answer).toBe('');
  });
});
