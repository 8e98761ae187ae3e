import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../../server/http/respond';
import { IngestParser } from '../../../server/ingest/ingest-parser';
import { parseRequest, type ParsedRequest } from '../../../server/ingest/parse-request';
import { loc, online, sec } from '../../support/events';

const NDJSON = 'application/x-ndjson';
const body = (events: unknown[], tail = '\n') => Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + tail);
const good = [online('d1', sec(0), 'Ana'), loc('d1', sec(5), 41.15, -8.61, { id: 'e1', speedKph: 20 }), { type: 'location', driverId: 'd1' }];

/** What a caller can see of a parse: everything but the lazily split lines, which are compared as lines. */
const seen = (p: ParsedRequest) => ({
  validated: JSON.stringify(p.validated),
  count: p.count,
  lines: typeof p.text.lines === 'function' ? p.text.lines() : p.text.lines,
  bytes: p.text.bytes?.toString() ?? null,
});

let parser: IngestParser | null = null;
afterEach(async () => {
  await parser?.close();
  parser = null;
});

async function threaded(): Promise<IngestParser> {
  parser = new IngestParser(1);
  await parser.ready();
  expect(parser.threads).toBe(1);
  return parser;
}

/** The error a parse ends with, as status, code and message. */
async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  const { status, code, message } = err as HttpError;
  return { status, code, message };
}

describe('IngestParser', () => {
  it('on its thread answers what parsing here answers: events, rejections, count and the body for the log', async () => {
    const p = await threaded();
    for (const b of [body(good), body(good, ''), Buffer.from(` ${JSON.stringify(good[0])}\r\n\r\n`)]) {
      expect(seen(await p.parse(b, NDJSON, 1000))).toEqual(seen(parseRequest(b, NDJSON, 1000)));
    }
    const json = Buffer.from(JSON.stringify(good));
    expect(seen(await p.parse(json, 'application/json', 1000))).toEqual(seen(parseRequest(json, 'application/json', 1000)));
  });

  it('hands back the very body it was given when the log can write it as it came', async () => {
    const p = await threaded();
    const b = body(good);
    expect((await p.parse(b, NDJSON, 1000)).text.bytes).toBe(b);
  });

  it('parses a body in shared memory on its thread as it parses any other, and keeps that very body for the log', async () => {
    const p = await threaded();
    const plain = body(good);
    const shared = Buffer.from(new SharedArrayBuffer(plain.length));
    plain.copy(shared);
    const parsed = await p.parse(shared, NDJSON, 1000);
    expect(seen(parsed)).toEqual(seen(parseRequest(plain, NDJSON, 1000)));
    expect(parsed.text.bytes).toBe(shared);
  });

  it("gives a body that is not events the same HTTP error as parsing here would", async () => {
    const p = await threaded();
    const notJson = Buffer.from('nope\nnot json either\n');
    const tooMany = body([good[0], good[0], good[0]]);
    expect(await failure(p.parse(notJson, NDJSON, 1000))).toEqual(await failure(Promise.resolve().then(() => parseRequest(notJson, NDJSON, 1000))));
    expect(await failure(p.parse(tooMany, NDJSON, 2))).toMatchObject({ status: 413, code: 'too_many_events' });
    expect(await failure(p.parse(Buffer.from('{'), 'application/json', 10))).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('answers every request it holds when closed, parsing them here', async () => {
    const p = await threaded();
    const pending = Array.from({ length: 20 }, (_, i) => p.parse(body([loc('d1', sec(i), 41.15, -8.61)]), NDJSON, 1000));
    await p.close();
    const answers = await Promise.all(pending);
    expect(answers.map((a) => a.validated.events[0].ts)).toEqual(Array.from({ length: 20 }, (_, i) => sec(i)));
  });

  it('starts its thread with the first body, which it parses here meanwhile', async () => {
    parser = new IngestParser(1);
    expect(parser.threads).toBe(0);
    const first = await parser.parse(body(good), NDJSON, 1000);
    expect(seen(first)).toEqual(seen(parseRequest(body(good), NDJSON, 1000)));
    await parser.ready();
    expect(parser.threads).toBe(1);
  });

  it('with no thread, parses on the calling thread', async () => {
    parser = new IngestParser(0);
    await parser.ready();
    expect(parser.threads).toBe(0);
    expect(seen(await parser.parse(body(good), NDJSON, 1000))).toEqual(seen(parseRequest(body(good), NDJSON, 1000)));
  });
});
