import { describe, expect, it } from 'vitest';
import { parseEvents } from '../../../server/http/parse-events';

const NDJSON = 'application/x-ndjson';
const parse = (text: string | Buffer) => parseEvents(Buffer.isBuffer(text) ? text : Buffer.from(text), NDJSON, 1000);

describe('parseEvents: the body as the log can keep it', () => {
  it('a body that is exactly its lines, each ended by a newline, is kept as its bytes', () => {
    const body = Buffer.from('{"a":1}\n{"b":"é"}\n');
    const p = parse(body);
    expect(p.lines).toEqual(['{"a":1}', '{"b":"é"}']);
    expect(p.bytes).toBe(body);
  });

  it('a body without its last newline is not (the log ends every line)', () => {
    expect(parse('{"a":1}\n{"b":2}').bytes).toBeNull();
  });

  it('blank lines, \\r\\n endings or spaces around a line are not: the log keeps the trimmed lines', () => {
    for (const text of ['{"a":1}\n\n{"b":2}\n', '{"a":1}\r\n{"b":2}\r\n', ' {"a":1}\n{"b":2}\n']) {
      const p = parse(text);
      expect(p.lines).toEqual(['{"a":1}', '{"b":2}']);
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
