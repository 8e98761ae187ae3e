import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody, IngestResult } from '../../../lib/api-types';
import { drive, sec } from '../../support/events';
import { postNdjson, startApiServer, type ApiServer, type Env } from '../../support/server';
import { expectError, expectIngested } from '../http/helpers';
import { connect, refused } from './helpers';

const TOKEN = 'ingest-secret-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

let s: ApiServer | undefined;
const sockets: Socket[] = [];
async function start(env: Env = {}): Promise<ApiServer> {
  s = await startApiServer({ INGEST_TOKEN: TOKEN, ...env });
  return s;
}
afterEach(async () => {
  for (const c of sockets.splice(0)) c.close();
  await s?.close();
  s = undefined;
});
async function producer(url: string): Promise<Socket> {
  const c = await connect(`${url}/ingest`, { auth: { token: TOKEN } });
  sockets.push(c);
  return c;
}
const send = (c: Socket, events: unknown[]) => c.timeout(5000).emitWithAck('events', events) as Promise<IngestResult | ErrorBody>;

describe('INGEST_TOKEN on the /ingest namespace', () => {
  it('a missing or wrong token is a connect_error; the right one connects and ingests', async () => {
    const { url } = await start();
    expect(await refused(`${url}/ingest`)).toMatch(/unauthorized/);
    expect(await refused(`${url}/ingest`, { auth: { token: 'wrong' } })).toMatch(/unauthorized/);
    expect(await send(await producer(url), drive('d1', sec(0), 3))).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
  });
});

describe('oversized socket payloads', () => {
  it('a message over SOCKET_MAX_BYTES disconnects that client only', async () => {
    const { url } = await start({ SOCKET_MAX_BYTES: '2048' });
    const big = await producer(url);
    const other = await producer(url);
    const viewer = await connect(url);
    sockets.push(viewer);
    const gone = new Promise<string>((r) => big.once('disconnect', r));
    big.emit('events', drive('d1', sec(0), 100)); // ~10 KB
    expect(await gone).toMatch(/transport close|transport error/);
    expect(other.connected && viewer.connected).toBe(true);
    expect(await send(other, drive('d2', sec(0), 2))).toMatchObject({ accepted: 2 });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('flood over INGEST_RATE', () => {
  it('HTTP: 429 with Retry-After and the error body', async () => {
    const { url } = await start({ INGEST_RATE: '10' });
    // A batch may overdraw the bucket once (the limiter runs into debt); the next one is refused.
    await expectIngested(await postNdjson(url, drive('d1', sec(0), 20), auth));
    const res = await postNdjson(url, drive('d2', sec(0), 10), auth);
    await expectError(res, 429, 'rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('socket: an error ack, on the same per-token budget as HTTP', async () => {
    const { url } = await start({ INGEST_RATE: '10' });
    const c = await producer(url);
    expect(await send(c, drive('d1', sec(0), 20))).toMatchObject({ accepted: 20 });
    const over = (await send(c, drive('d2', sec(0), 5))) as ErrorBody;
    expect(over.error.code).toBe('rate_limited');
    expect(over.error.message).toMatch(/INGEST_RATE/);
    // The token's budget is spent for HTTP too.
    await expectError(await postNdjson(url, drive('d3', sec(0), 1), auth), 429, 'rate_limited');
  });
});

describe('viewer login', () => {
  it('throttles wrong tokens per address (429 with Retry-After); successful logins cost nothing', async () => {
    const { url } = await start({ VIEWER_TOKEN: 'viewer-secret' });
    const login = (token: string) =>
      fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    for (let i = 0; i < 3; i++) expect((await login('viewer-secret')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(`guess-${i}`)).status).toBe(401);
    // Five wrong guesses spend the second's allowance (give or take what refilled meanwhile).
    let res = await login('guess-5');
    for (let i = 6; res.status === 401 && i < 8; i++) res = await login(`guess-${i}`);
    await expectError(res, 429, 'rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // While throttled, no guess is checked at all, the right one included.
    expect((await login('viewer-secret')).status).toBe(429);
  });
});
