import http from 'node:http';
import { expect } from 'vitest';
import type { ErrorBody, IngestResult } from '../../../lib/api-types';

/** Asserts the contract's error body `{"error": {"code", "message"}}` with this status and code. */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

/** Asserts a 200 ingest answer and returns its body. */
export async function expectIngested(res: Response): Promise<IngestResult> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as IngestResult;
  expect(Object.keys(body).sort()).toEqual(['accepted', 'duplicates', 'rejected']);
  return body;
}

/**
 * POSTs a body written in chunks with `Transfer-Encoding: chunked` (no Content-Length), which
 * fetch cannot do portably; resolves with the status and the parsed JSON body.
 */
export function postChunked(url: string, chunks: string[], contentType = 'application/x-ndjson'): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': contentType } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (s: string) => (text += s));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    // The server may answer and stop reading before the whole body is sent.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}
