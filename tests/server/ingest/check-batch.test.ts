import { describe, expect, it } from 'vitest';
import { Engine } from '../../../server/engine/engine';
import { admitBatch } from '../../../server/ingest/pipeline';
import { parseRequest } from '../../../server/ingest/parse-request';

const line = (id: string, ts: number) => JSON.stringify({ type: 'location', id, driverId: 'd1', ts, lat: 41.15, lng: -8.61 });
const check = (engine: Engine, text: string) => {
  const p = parseRequest(Buffer.from(text), 'application/x-ndjson', 1000);
  return admitBatch(engine, p.validated, p.text);
};

describe('admitBatch: what the log is given', () => {
  it('a body of good new events goes to the log as its own bytes', () => {
    const text = `${line('e1', 1_000)}\n${line('e2', 2_000)}\n`;
    const b = check(new Engine(), text);
    expect(b.goodBytes?.toString()).toBe(text);
    expect(b.goodLines).toBeNull();
  });

  it('with a rejected line, only the good lines go, re-encoded', () => {
    const b = check(new Engine(), `${line('e1', 1_000)}\n{"type":"location"}\n`);
    expect(b.rejected).toHaveLength(1);
    expect([b.goodBytes, b.goodLines]).toEqual([null, [line('e1', 1_000)]]);
  });

  it('with a known duplicate, only the new lines go', () => {
    const engine = new Engine();
    const first = check(engine, `${line('e1', 1_000)}\n`);
    for (const ev of first.good) engine.ingest(ev);
    const b = check(engine, `${line('e1', 1_000)}\n${line('e2', 2_000)}\n`);
    expect([b.knownDuplicates, b.goodBytes, b.goodLines]).toEqual([1, null, [line('e2', 2_000)]]);
  });
});
