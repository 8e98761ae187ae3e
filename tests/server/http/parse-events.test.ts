import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../lib/validate';
import { bodyLines, bodyPieces, ndjsonLines, parseEvents } from '../../../server/http/parse-events';
import { parseRequest } from '../../../server/ingest/parse-request';

const NDJSON = 'application/x-ndjson';
const parse = (text: string | Buffer) => parseEvents(Buffer.isBuffer(text) ? text : Buffer.from(text), NDJSON, 10_000);

describe('parseEvents: the body as the log can keep it', () => {
  it('a body that is exactly its lines, each ended by a newline, is kept as its bytes', () => {
    const body = Buffer.from('{"a":1}\n{"b":"é"}\n');
    const p = parse(body);
    expect(p.lines?.()).toEqual(['{"a":1}', '{"b":"é"}']);
    expect(p.bytes).toBe(body);
  });

  it('a body without its last newline is not (the log ends every line)', () => {
    expect(parse('{"a":1}\n{"b":2}').bytes).toBeNull();
  });

  it('blank lines, \\r\\n endings or spaces around a line are not: the log keeps the trimmed lines', () => {
    for (const text of ['{"a":1}\n\n{"b":2}\n', '{"a":1}\r\n{"b":2}\r\n', ' {"a":1}\n{"b":2}\n']) {
      const p = parse(text);
      expect(p.lines?.()).toEqual(['{"a":1}', '{"b":2}']);
      expect(p.bytes).toBeNull();
    }
  });

  it('a body that is not valid UTF-8 is not (its lines were decoded with replacements)', () => {
    const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}\n')]);
    expect(parse(body).bytes).toBeNull();
  });

  it('a JSON (not NDJSON) body has no lines and no bytes', () => {
    const p = parseEvents(Buffer.from('[{"a":1}]'), 'application/json', 1000);
    expect([p.lines, p.bytes]).toEqual([null, null]);
  });
});

describe('parseEvents: plain location lines take the fast path, and it changes no answer', () => {
  const lines = [
    '{"type":"location","id":"e1","driverId":"d1","ts":1000,"lat":41.1,"lng":-8.6}',
    '{"type":"location","driverId":"d1","ts":2000,"lat":41.1,"lng":-8.6,"note":"extra"}',
    '{"type":"location","driverId":"d1","ts":3000,"lat":91,"lng":-8.6}',
    'not json',
    '',
    '{"type":"order","orderId":"o1","ts":4000,"status":"cancelled"}',
    ' {"type":"location","driverId":"d2","ts":5000,"lat":1,"lng":2}\r',
  ];
  const body = Buffer.from(lines.join('\n') + '\n');

  it('only well-formed plain location lines are marked as already validated', () => {
    const p = parse(body);
    expect(Array.from(p.checked!.subarray(0, p.raw.length))).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('the validated batch is what JSON.parse and validateEvent give line by line', () => {
    const want = { events: [] as unknown[], indices: [] as number[], rejected: [] as { index: number; error: string }[] };
    lines
      .map((l) => l.trim())
      .filter(Boolean)
      .forEach((line, index) => {
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch (err) {
          want.rejected.push({ index, error: `event: must be one JSON object per line (${(err as Error).message})` });
          return;
        }
        const r = validateEvent(raw);
        if (r.ok) {
          want.events.push(r.event);
          want.indices.push(index);
        } else want.rejected.push({ index, error: r.error });
      });
    expect(parseRequest(body, NDJSON, 1000).validated).toEqual(want);
  });

  it('too many lines is a 413 however they are read', () => {
    const many = Buffer.from((lines[0] + '\n').repeat(5));
    expect(() => parseEvents(many, NDJSON, 4)).toThrow(/at most 4 events/);
  });
});

describe('bodies are decoded in pieces that end at a newline', () => {
  it('the pieces of any bytes, decoded, are the whole body decoded, and each but the last ends a line', () => {
    const bytes = fc.array(fc.oneof(fc.constant(10), fc.constant(0xc3), fc.constant(0xa9), fc.constant(0xe2), fc.constant(0xff), fc.integer({ min: 32, max: 126 })), { maxLength: 200 });
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 16 }), (xs, size) => {
        const body = Buffer.from(xs);
        const ascii = xs.every((b) => b < 128);
        const pieces = bodyPieces(body, ascii, size);
        expect(pieces.join('')).toBe(body.toString('utf8'));
        for (const p of pieces.slice(0, -1)) expect(p.endsWith('\n')).toBe(true);
        expect(pieces.flatMap(ndjsonLines)).toEqual(ndjsonLines(body.toString('utf8')));
      }),
    );
  });

  it('a body of several pieces gives the events, errors, lines and bytes that one text would', () => {
    // 3,000 lines of about 60 bytes: three pieces, with UTF-8, a bad line and a line longer than a piece.
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`{"type":"location","driverId":"d${i}","ts":${i},"lat":1,"lng":2}`);
    lines[1100] = '{"type":"driver","driverId":"d1","ts":5,"status":"online","name":"Zoë ✓"}';
    lines[1500] = 'not json';
    lines[2000] = `{"type":"driver","driverId":"d2","ts":6,"status":"online","pad":"${'x'.repeat(70_000)}"}`;
    const body = Buffer.from(lines.join('\n') + '\n');
    const p = parse(body);
    expect(p.raw.length).toBe(3000);
    expect(p.raw[1100]).toEqual(JSON.parse(lines[1100]));
    expect(p.raw[2000]).toEqual(JSON.parse(lines[2000]));
    expect([...p.parseErrors.keys()]).toEqual([1500]);
    expect(p.lines?.()).toEqual(lines);
    expect(bodyLines(body)).toEqual(lines);
    expect(p.bytes).toBe(body);
  });
});
