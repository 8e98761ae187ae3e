import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson, jsonText } from '../../../server/days/ascii-json';

describe('day files as ASCII JSON', () => {
  it('writes any value as ASCII that reads back as the same value, whichever way its bytes are read', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary' }), (value, name) => {
        const v = { value, name };
        const text = asciiJson(v);
        const bytes = Buffer.from(text, 'utf8');
        expect(bytes.every((b) => b < 128)).toBe(true);
        expect(JSON.parse(jsonText(bytes))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes only what is past ASCII, and still reads files written before as UTF-8', () => {
    expect(asciiJson({ name: 'João 🚕', n: 1 })).toBe('{"name":"Jo\\u00e3o \\ud83d\\ude95","n":1}');
    const old = Buffer.from(JSON.stringify({ name: 'João 🚕' }), 'utf8');
    expect(JSON.parse(jsonText(old))).toEqual({ name: 'João 🚕' });
  });
});
