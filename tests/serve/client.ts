import { connect } from 'node:net';

/** A raw HTTP exchange over one socket: what slow or broken clients send. Resolves with what came back. */
export function rawExchange(port: number, send: (socket: import('node:net').Socket) => void, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(received)}`));
    }, timeoutMs);
    socket.on('connect', () => send(socket));
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

/** Status and parsed JSON body of a raw HTTP/1.1 response. */
export function parseRaw(text: string): { status: number; body: Json } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return { status, body: body ? JSON.parse(body) : undefined };
}

/** A response body read as JSON, fields checked by the assertions that read it. */
export type Json = any;
