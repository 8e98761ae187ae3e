import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../../server/http/body';

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Sends `chunks` (chunked, no length) to a server that reads the body; resolves with what it read. */
async function read(chunks: string[], maxBytes: number, shared: boolean): Promise<Buffer | Error> {
  let got!: (b: Buffer | Error) => void;
  const result = new Promise<Buffer | Error>((resolve) => (got = resolve));
  server = http.createServer((req, res) => {
    readBody(req, maxBytes, shared).then(got, got);
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const req = http.request({ port: (server.address() as AddressInfo).port, method: 'POST' });
  req.on('error', () => {});
  for (const c of chunks) req.write(c);
  req.end();
  return result;
}

describe('readBody', () => {
  it('gathers the chunks of a body into one buffer, in shared memory when asked', async () => {
    const plain = await read(['{"a":', '1}\n', '{"b":2}\n'], 1000, false);
    const shared = await read(['{"a":', '1}\n', '{"b":2}\n'], 1000, true);
    expect(String(plain)).toBe('{"a":1}\n{"b":2}\n');
    expect(String(shared)).toBe('{"a":1}\n{"b":2}\n');
    expect((shared as Buffer).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect((plain as Buffer).buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });

  it('refuses a body past the limit with 413, naming the setting', async () => {
    const err = await read(['x'.repeat(600), 'y'.repeat(600)], 1000, true);
    expect(err).toMatchObject({ status: 413, code: 'payload_too_large', message: 'body: must be at most 1000 bytes (INGEST_MAX_BYTES)' });
  });
});
