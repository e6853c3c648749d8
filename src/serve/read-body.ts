import type { IncomingMessage } from 'node:http';
import { ServiceError } from './service-error.js';

/**
 * Reads a request body within a size and a time limit. A declared length over
 * the limit is refused before a byte is read; a body that grows past it, or
 * arrives too slowly, is refused as soon as that is known.
 */
export function readBody(request: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (declared > maxBytes) {
      reject(new ServiceError('body-too-large', String(maxBytes)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: ServiceError | undefined) => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
      if (error) {
        // Stop buffering; what is left is discarded while the refusal goes out.
        request.resume();
        reject(error);
      } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(new ServiceError('body-too-large', String(maxBytes)));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(undefined);
    const onError = () => finish(new ServiceError('bad-request'));
    const timer = setTimeout(() => finish(new ServiceError('request-timeout')), timeoutMs);
    request.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
  });
}
