import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond';

/**
 * Reads the whole body, refusing (413) past `maxBytes` without buffering the rest. `shared`: the
 * body is gathered into shared memory, so that a worker thread can be handed it without a copy.
 */
export function readBody(req: IncomingMessage, maxBytes: number, shared = false): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(413, 'payload_too_large', `body: must be at most ${maxBytes} bytes (INGEST_MAX_BYTES)`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      if (shared) resolve(gather(chunks, Buffer.from(new SharedArrayBuffer(size))));
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
      done = true;
    });
  });
}

/** The chunks copied end to end into `into`, which holds exactly their bytes. */
function gather(chunks: Buffer[], into: Buffer): Buffer {
  let at = 0;
  for (const c of chunks) at += c.copy(into, at);
  return into;
}
