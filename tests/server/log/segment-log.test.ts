import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogUnavailableError, SegmentLog, type LogFileHandle, type LogFs } from '../../../server/log/segment-log';
import { ev, rmDir, segmentFiles, tmpDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = tmpDir();
});
afterEach(() => rmDir(dir));

async function collect(log: SegmentLog, fromSeq = 1) {
  const out: { line: string; seq: number }[] = [];
  const n = await log.replay(fromSeq, (line, seq) => out.push({ line, seq }));
  expect(n).toBe(out.length);
  return out;
}

describe('SegmentLog append/replay', () => {
  it('appends and replays lines with seqs 1..n', async () => {
    const log = new SegmentLog(dir);
    await log.open();
    expect(log.lastSeq).toBe(0);
    expect(await log.append([ev(1), ev(2)])).toBe(2);
    expect(await log.append([ev(3)])).toBe(3);
    const out = await collect(log);
    expect(out).toEqual([1, 2, 3].map((i) => ({ line: ev(i), seq: i })));
    expect(log.stats()).toMatchObject({ segments: 1, lastSeq: 3, firstSeq: 1 });
    await log.close();
  });

  it('rolls segments at segmentBytes and replay(fromSeq) skips earlier lines', async () => {
    const log = new SegmentLog(dir, { segmentBytes: 200 });
    await log.open();
    for (let i = 1; i <= 40; i += 4) await log.append([ev(i), ev(i + 1), ev(i + 2), ev(i + 3)]);
    const files = segmentFiles(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(200);
    // file names carry the first seq of each segment
    expect(files[0]).toBe('00000000000000000001.ndjson');
    expect(log.stats()).toMatchObject({ segments: files.length, lastSeq: 40, firstSeq: 1 });

    const all = await collect(log);
    expect(all.map((x) => x.seq)).toEqual(Array.from({ length: 40 }, (_, k) => k + 1));
    expect(all.every((x) => x.line === ev(x.seq))).toBe(true);

    const tail = await collect(log, 23);
    expect(tail.map((x) => x.seq)).toEqual(Array.from({ length: 18 }, (_, k) => k + 23));
    expect(await collect(log, 41)).toEqual([]);
    await log.close();
  });

  it('group-commits concurrent appends in call order with fewer fsyncs', async () => {
    const log = new SegmentLog(dir);
    await log.open();
    const before = log.fsyncCount;
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([ev(2 * i + 1), ev(2 * i + 2)])));
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i + 2));
    const fsyncs = log.fsyncCount - before;
    expect(fsyncs).toBeGreaterThan(0);
    expect(fsyncs).toBeLessThan(50);
    const out = await collect(log);
    expect(out.map((x) => x.line)).toEqual(Array.from({ length: 100 }, (_, i) => ev(i + 1)));
    await log.close();
  });

  it('resolves in call order when appends arrive during an in-flight fsync', async () => {
    const log = new SegmentLog(dir, { segmentBytes: 300 });
    await log.open();
    const order: number[] = [];
    const ps: Promise<number>[] = [];
    for (let i = 0; i < 30; i++) {
      ps.push(log.append([ev(i + 1)]).then((s) => (order.push(s), s)));
      if (i % 5 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(ps);
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await collect(log)).map((x) => x.line)).toEqual(Array.from({ length: 30 }, (_, i) => ev(i + 1)));
    await log.close();
  });

  it('writes the bytes a caller gives for its lines as they are, alone or grouped with others', async () => {
    const log = new SegmentLog(dir);
    await log.open();
    const given = Buffer.from(`${ev(1)}\n${ev(2)}\n`);
    const [a, b] = await Promise.all([log.append([ev(1), ev(2)], given), log.append([ev(3)])]);
    expect([a, b]).toEqual([2, 3]);
    expect(await log.append([ev(4)], Buffer.from(`${ev(4)}\n`))).toBe(4);
    expect((await collect(log)).map((r) => r.line)).toEqual([ev(1), ev(2), ev(3), ev(4)]);
    expect(fs.readFileSync(path.join(dir, segmentFiles(dir)[0]), 'utf8')).toBe([1, 2, 3, 4].map((i) => ev(i) + '\n').join(''));
    await log.close();
  });

  it('takes bytes alone, and splits them into lines when they must cross into a new segment', async () => {
    const log = new SegmentLog(dir, { segmentBytes: 200 });
    await log.open();
    const lines = Array.from({ length: 12 }, (_, i) => ev(i + 1));
    expect(await log.append(null, Buffer.from(lines.join('\n') + '\n'))).toBe(12);
    expect(segmentFiles(dir).length).toBeGreaterThan(1);
    expect((await collect(log)).map((r) => r.line)).toEqual(lines);
    await log.close();
  });

  it('numbers bytes by the line count the caller gives, as if it had counted them', async () => {
    const log = new SegmentLog(dir);
    await log.open();
    const lines = Array.from({ length: 5 }, (_, i) => ev(i + 1));
    expect(await log.append(null, Buffer.from(lines.slice(0, 3).join('\n') + '\n'), 3)).toBe(3);
    expect(await log.append(null, Buffer.from(lines.slice(3).join('\n') + '\n'), 2)).toBe(5);
    expect((await collect(log)).map((r) => [r.seq, r.line])).toEqual(lines.map((l, i) => [i + 1, l]));
    await log.close();
  });

  it('refuses bytes that do not end a line, or bytes without lines', async () => {
    const log = new SegmentLog(dir);
    await log.open();
    await expect(log.append([ev(1)], Buffer.from(ev(1)))).rejects.toThrow('log bytes must end with a newline');
    await expect(log.append([], Buffer.from('\n'))).rejects.toThrow('log bytes must hold exactly the lines');
    await expect(log.append([ev(1)], Buffer.from(`${ev(1)}\n${ev(2)}\n`))).rejects.toThrow('log bytes must hold exactly the lines');
    await expect(log.append(null)).rejects.toThrow('log lines or their bytes are required');
    expect(log.lastSeq).toBe(0);
    await log.close();
  });

  it('rejects lines containing newlines', async () => {
    const log = new SegmentLog(dir);
    await log.open();
    await expect(log.append(['{"a":\n1}'])).rejects.toThrow(TypeError);
    await expect(log.append([''])).rejects.toThrow(TypeError);
    expect(log.lastSeq).toBe(0);
    await log.close();
  });
});

describe('SegmentLog recovery', () => {
  it('keeps lastSeq across close/reopen', async () => {
    const log = new SegmentLog(dir, { segmentBytes: 200 });
    await log.open();
    for (let i = 1; i <= 12; i++) await log.append([ev(i)]);
    await log.close();
    const again = new SegmentLog(dir, { segmentBytes: 200 });
    await again.open();
    expect(again.lastSeq).toBe(12);
    expect(await again.append([ev(13)])).toBe(13);
    expect((await collect(again)).map((x) => x.line)).toEqual(Array.from({ length: 13 }, (_, i) => ev(i + 1)));
    await again.close();
  });

  it('truncates a torn tail on open and continues at the right seq', async () => {
    const log = new SegmentLog(dir, { segmentBytes: 200 });
    await log.open();
    for (let i = 1; i <= 7; i++) await log.append([ev(i)]);
    await log.close();
    const last = path.join(dir, segmentFiles(dir).at(-1)!);
    const goodSize = fs.statSync(last).size;
    fs.appendFileSync(last, '{"type":"loc');

    const again = new SegmentLog(dir, { segmentBytes: 200 });
    await again.open();
    expect(again.lastSeq).toBe(7);
    expect(fs.statSync(last).size).toBe(goodSize);
    expect(await again.append([ev(8)])).toBe(8);
    const out = await collect(again);
    expect(out.map((x) => x.line)).toEqual(Array.from({ length: 8 }, (_, i) => ev(i + 1)));
    await again.close();
  });

  it('drops a complete last line that is not valid JSON', async () => {
    const log = new SegmentLog(dir);
    await log.open();
    await log.append([ev(1), ev(2)]);
    await log.close();
    const last = path.join(dir, segmentFiles(dir).at(-1)!);
    fs.appendFileSync(last, '{"type":"lo\0\0\0\n');
    const again = new SegmentLog(dir);
    await again.open();
    expect(again.lastSeq).toBe(2);
    expect(await again.append([ev(3)])).toBe(3);
    expect((await collect(again)).map((x) => x.line)).toEqual([ev(1), ev(2), ev(3)]);
    await again.close();
  });
});

describe('SegmentLog prune', () => {
  it('removes only covered, old, non-current segments', async () => {
    const log = new SegmentLog(dir, { segmentBytes: 200 });
    await log.open();
    for (let i = 1; i <= 30; i++) await log.append([ev(i)]);
    const files = segmentFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(4);
    const now = Date.now();
    const old = (now - 3_600_000) / 1000;
    for (const f of files) fs.utimesSync(path.join(dir, f), old, old);
    const firstSeqs = files.map((f) => Number(f.slice(0, 20)));
    // Covers segment 0 and 1 entirely, segment 2 only partially.
    const coveredSeq = firstSeqs[2];

    // Not old enough: nothing goes.
    expect(await log.prune({ coveredSeq, retentionMs: 2 * 3_600_000, nowMs: now })).toBe(0);
    // Old enough but covered only up to the middle of segment 0: nothing goes.
    expect(await log.prune({ coveredSeq: firstSeqs[1] - 2, retentionMs: 60_000, nowMs: now })).toBe(0);

    expect(await log.prune({ coveredSeq, retentionMs: 60_000, nowMs: now })).toBe(2);
    expect(segmentFiles(dir)).toEqual(files.slice(2));
    expect(log.stats()).toMatchObject({ segments: files.length - 2, firstSeq: firstSeqs[2], lastSeq: 30 });

    // Everything covered: the current segment always stays.
    expect(await log.prune({ coveredSeq: 30, retentionMs: 60_000, nowMs: now })).toBe(files.length - 3);
    expect(segmentFiles(dir)).toEqual([files.at(-1)]);
    const out = await collect(log, 1);
    expect(out[0].seq).toBe(firstSeqs.at(-1));
    expect(out.at(-1)!.seq).toBe(30);
    await log.close();
  });

  it('does not delete a recent segment even if covered', async () => {
    const log = new SegmentLog(dir, { segmentBytes: 200 });
    await log.open();
    for (let i = 1; i <= 20; i++) await log.append([ev(i)]);
    expect(await log.prune({ coveredSeq: 20, retentionMs: 60_000, nowMs: Date.now() })).toBe(0);
    await log.close();
  });
});

/** Wraps real handles; `failures` decides per call whether to throw instead. */
function faultyFs(plan: { write?: number; datasync?: number; partialWrite?: boolean }): LogFs {
  return {
    async open(file, flags) {
      const fh = await fs.promises.open(file, flags);
      const h: LogFileHandle = {
        async write(buf, off, len, pos) {
          if (plan.write && plan.write-- > 0) {
            // Simulate a torn write: half the bytes land, then EIO.
            if (plan.partialWrite) await fh.write(buf, off, Math.floor(len / 2), pos);
            throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
          }
          return fh.write(buf, off, len, pos);
        },
        async datasync() {
          if (plan.datasync && plan.datasync-- > 0) {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          }
          return fh.datasync();
        },
        sync: () => fh.sync(),
        truncate: (len) => fh.truncate(len),
        close: () => fh.close(),
      };
      return h;
    },
  };
}

describe('SegmentLog write failures', () => {
  it('rejects with LogUnavailableError on fsync failure, then recovers', async () => {
    const plan = { datasync: 0 };
    const log = new SegmentLog(dir, { fs: faultyFs(plan) });
    await log.open();
    expect(await log.append([ev(1)])).toBe(1);

    plan.datasync = 1;
    const err = await log.append([ev(2), ev(3)]).catch((e) => e);
    expect(err).toBeInstanceOf(LogUnavailableError);
    expect(err.code).toBe('log_unavailable');
    expect(log.writable).toBe(false);
    expect(log.lastSeq).toBe(1);

    // Retry succeeds: the rejected lines got no seq and are gone from the file.
    expect(await log.append([ev(2)])).toBe(2);
    expect(log.writable).toBe(true);
    expect((await collect(log)).map((x) => x.line)).toEqual([ev(1), ev(2)]);
    await log.close();

    const again = new SegmentLog(dir);
    await again.open();
    expect(again.lastSeq).toBe(2);
    await again.close();
  });

  it('rolls back a torn write (and a new segment) before the next append', async () => {
    const plan = { write: 0, partialWrite: true };
    const log = new SegmentLog(dir, { segmentBytes: 200, fs: faultyFs(plan) });
    await log.open();
    for (let i = 1; i <= 5; i++) await log.append([ev(i)]);
    const filesBefore = segmentFiles(dir);

    plan.write = 1;
    // Big group that has to roll into new segments; the first write tears.
    const big = Array.from({ length: 12 }, (_, k) => ev(100 + k));
    const results = await Promise.allSettled([log.append(big.slice(0, 6)), log.append(big.slice(6))]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof LogUnavailableError)).toBe(true);
    expect(log.writable).toBe(false);

    expect(await log.append([ev(6)])).toBe(6);
    expect(log.writable).toBe(true);
    expect(segmentFiles(dir).slice(0, filesBefore.length)).toEqual(filesBefore);
    expect((await collect(log)).map((x) => x.line)).toEqual(Array.from({ length: 6 }, (_, i) => ev(i + 1)));
    await log.close();
  });

  it('keeps rejecting while the disk keeps failing, without acknowledging', async () => {
    const plan = { datasync: 3 };
    const log = new SegmentLog(dir, { fs: faultyFs(plan) });
    await log.open();
    for (let i = 0; i < 3; i++) await expect(log.append([ev(1)])).rejects.toBeInstanceOf(LogUnavailableError);
    expect(log.writable).toBe(false);
    expect(await log.append([ev(1)])).toBe(1);
    expect(log.writable).toBe(true);
    expect((await collect(log)).map((x) => x.line)).toEqual([ev(1)]);
    await log.close();
  });
});
