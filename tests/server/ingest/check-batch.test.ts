import { describe, expect, it } from 'vitest';
import { Engine } from '../../../server/engine/engine';
import { ApplyQueue } from '../../../server/ingest/apply-queue';
import { admitBatch, ingestBatch, type DoorSearch, type EventLog } from '../../../server/ingest/pipeline';
import { parseRequest } from '../../../server/ingest/parse-request';

const line = (id: string, ts: number) => JSON.stringify({ type: 'location', id, driverId: 'd1', ts, lat: 41.15, lng: -8.61 });
const check = (engine: Engine, text: string, search: DoorSearch = 'resends') => {
  const p = parseRequest(Buffer.from(text), 'application/x-ndjson', 1000);
  return admitBatch(engine, p.validated, p.text, search);
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

  it('a batch that ends with a known event is searched like a resend', () => {
    const engine = new Engine();
    for (const ev of check(engine, `${line('e9', 9_000)}\n`).good) engine.ingest(ev);
    const b = check(engine, `${line('e1', 1_000)}\n${line('e9', 9_000)}\n`);
    expect([b.knownDuplicates, b.goodLines]).toEqual([1, [line('e1', 1_000)]]);
  });

  it('a batch whose first and last events are new goes whole; a known event inside it is found on applying, and counted the same', async () => {
    const engine = new Engine();
    for (const ev of check(engine, `${line('e2', 2_000)}\n`).good) engine.ingest(ev);
    const text = `${line('e1', 1_000)}\n${line('e2', 2_000)}\n${line('e3', 3_000)}\n`;
    const b = check(engine, text);
    expect([b.knownDuplicates, b.good.length, b.goodBytes?.toString()]).toEqual([0, 3, text]);
    const written: string[] = [];
    const log: EventLog = {
      writable: true,
      append: async (lines, bytes) => {
        written.push(...(lines ?? bytes!.toString().trimEnd().split('\n')));
        return written.length;
      },
    };
    expect(await ingestBatch(engine, log, b, new ApplyQueue())).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect(engine.counters.duplicates).toBe(1);
    expect(written).toHaveLength(3);
  });

  it("looking at every event (the Redis mode's door), finds a known event anywhere in the batch", () => {
    const engine = new Engine();
    for (const ev of check(engine, `${line('e2', 2_000)}\n`).good) engine.ingest(ev);
    const b = check(engine, `${line('e1', 1_000)}\n${line('e2', 2_000)}\n${line('e3', 3_000)}\n`, 'every');
    expect([b.knownDuplicates, b.goodBytes, b.goodLines]).toEqual([1, null, [line('e1', 1_000), line('e3', 3_000)]]);
  });
});
