import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../support/server';
import { expectError } from './helpers';

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(async () => {
  await api.close();
});

/** Sends a raw request line (fetch would normalize or refuse it) and returns status and body. */
function rawGet(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(api.port, '127.0.0.1', () => s.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let out = '';
    s.setEncoding('utf8').on('data', (d: string) => (out += d));
    s.on('error', reject);
    s.on('close', () => {
      const [head, body = ''] = out.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
  });
}

describe('routing of the API paths', () => {
  it('answers a POST to a read endpoint with 405 and Allow: GET', async () => {
    const res = await fetch(`${api.url}/api/drivers`, { method: 'POST', body: '{}' });
    await expectError(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('answers an unknown /api path with 404 and the error body', async () => {
    for (const p of ['/api', '/api/', '/api/nope', '/api/orders', '/api/drivers/d1/extra', '/api/metrics/x']) {
      await expectError(await fetch(api.url + p), 404, 'not_found');
    }
  });

  it('answers an unknown driver with 404 naming it', async () => {
    const body = await expectError(await fetch(`${api.url}/api/drivers/ghost-1`), 404, 'not_found');
    expect(body.error.message).toMatch(/ghost-1/);
  });

  it('answers an unknown order with 404 naming it', async () => {
    const body = await expectError(await fetch(`${api.url}/api/orders/ghost-2`), 404, 'not_found');
    expect(body.error.message).toMatch(/ghost-2/);
  });

  it('answers a path that is not an API path with plain 404 when no page handler is mounted', async () => {
    const res = await fetch(`${api.url}/dashboard`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('answers a malformed percent-escape in an API path with 400 and keeps serving', async () => {
    await expectError(await fetch(`${api.url}/api/drivers/%E0%A4%A`), 400, 'invalid_path');
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it('answers a request target that is not a URL with 400 and keeps serving', async () => {
    const { status, body } = await rawGet('http://[');
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'invalid_url' } });
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it('answers an invalid query parameter with 400 naming it', async () => {
    const body = await expectError(await fetch(`${api.url}/api/dead-letters?limit=0`), 400, 'invalid_query');
    expect(body.error.message).toMatch(/^limit: /);
    await expectError(await fetch(`${api.url}/api/series?format=xml`), 400, 'invalid_query');
  });
});
