/**
 * Embedded, append-only event log made of NDJSON segment files.
 *
 * - Each event is one line; seqs are 1, 2, 3, … across all segments.
 * - A segment is named `<firstSeq zero-padded to 20 digits>.ndjson`; the last
 *   segment is the only one ever written ("current").
 * - `append()` resolves only after the bytes are written and fdatasync'ed.
 *   Appends that arrive while a write+fsync is in flight are group-committed in
 *   the next single write+fsync.
 * - A failed write/fsync rejects the whole group with LogUnavailableError and
 *   rolls the files back to the last durable state before the next attempt, so
 *   rejected lines never get a seq and never shift later seqs.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const SEGMENT_RE = /^(\d{20})\.ndjson$/;
const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
/** Chunk size for replay / recovery scans: big reads, no readline. */
const READ_CHUNK = 8 * 1024 * 1024;
const NL = 0x0a;

export function segmentFileName(firstSeq: number): string {
  return `${String(firstSeq).padStart(20, '0')}.ndjson`;
}

export class LogUnavailableError extends Error {
  readonly code = 'log_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogUnavailableError';
  }
}

/** The subset of fs.promises.FileHandle the log writes through. */
export interface LogFileHandle {
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(len: number): Promise<void>;
  close(): Promise<void>;
}

/** Injection point for tests (fault injection); defaults to fs.promises.open. */
export interface LogFs {
  open(file: string, flags: string): Promise<LogFileHandle>;
}

export interface SegmentLogOptions {
  segmentBytes?: number;
  fs?: LogFs;
}

interface Segment {
  firstSeq: number;
  file: string;
  /** Durable byte length (what has been written and synced). */
  size: number;
}

interface Pending {
  /** how many lines */
  count: number;
  /** the lines, unless the caller gave only their bytes */
  lines: string[] | null;
  /** the lines already encoded, each followed by a newline, when the caller had them */
  bytes?: Buffer;
  resolve: (seq: number) => void;
  reject: (err: Error) => void;
}

/** Where to roll the files back to after a failed commit. */
interface RecoveryPoint {
  segCount: number;
  size: number;
  orphans: string[];
}

const realFs: LogFs = { open: (file, flags) => fsp.open(file, flags) };

export class SegmentLog {
  readonly dir: string;
  private readonly segmentBytes: number;
  private readonly fs: LogFs;
  private segments: Segment[] = [];
  private _lastSeq = 0;
  private _writable = true;
  private _fsyncCount = 0;
  private fh: LogFileHandle | null = null;
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  /** Serializes commits, prune and close (they all touch `segments`/`fh`). */
  private chain: Promise<unknown> = Promise.resolve();
  private recovery: RecoveryPoint | null = null;
  private opened = false;
  private closed = false;

  constructor(dir: string, opts: SegmentLogOptions = {}) {
    this.dir = dir;
    this.segmentBytes = opts.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.fs = opts.fs ?? realFs;
  }

  get lastSeq(): number {
    return this._lastSeq;
  }
  /** False after a failed write/fsync until an append succeeds again. */
  get writable(): boolean {
    return this._writable;
  }
  /** Number of fsync/fdatasync calls issued (files and directory). */
  get fsyncCount(): number {
    return this._fsyncCount;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    const created = await fsp.mkdir(this.dir, { recursive: true });
    // A freshly created dir must itself be durable in its parent.
    if (created !== undefined) await this.syncDir(path.dirname(this.dir));
    const names = (await fsp.readdir(this.dir)).filter((n) => SEGMENT_RE.test(n)).sort();
    for (const name of names) {
      const file = path.join(this.dir, name);
      const { size } = await fsp.stat(file);
      this.segments.push({ firstSeq: Number(name.slice(0, 20)), file, size });
    }
    const last = this.segments.at(-1);
    this._lastSeq = last ? last.firstSeq - 1 + (await this.recoverTail(last)) : 0;
    this.opened = true;
  }

  /**
   * Appends one event per line (each line: one JSON document, no newline).
   * Resolves with the seq of the last line once durable. `bytes`, when given, are exactly the
   * lines each followed by a newline, in UTF-8 (an ingest body that was nothing else): they are
   * written as they are, instead of encoding the lines again. With bytes, `lines` may be null.
   * `lineCount`, with bytes and no lines: how many lines they hold, when the caller knows (it
   * split them already); otherwise they are counted here.
   */
  append(lines: string[] | null, bytes?: Buffer, lineCount?: number): Promise<number> {
    if (!this.opened || this.closed) {
      return Promise.reject(new Error(this.closed ? 'SegmentLog is closed' : 'SegmentLog is not open'));
    }
    if (lines === null && !bytes) return Promise.reject(new TypeError('log lines or their bytes are required'));
    for (const line of lines ?? []) {
      // A newline (or an empty line) would break seq numbering / tail recovery.
      if (typeof line !== 'string' || line.length === 0 || line.includes('\n')) {
        return Promise.reject(new TypeError('log lines must be non-empty strings without newlines'));
      }
    }
    const count = bytes ? (lines === null && lineCount !== undefined ? lineCount : countLines(bytes)) : lines!.length;
    if (bytes && bytes.length && bytes[bytes.length - 1] !== 0x0a) return Promise.reject(new TypeError('log bytes must end with a newline'));
    if (lines && count !== lines.length) return Promise.reject(new TypeError('log bytes must hold exactly the lines'));
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ count, lines, bytes, resolve, reject });
      this.scheduleFlush();
    });
  }

  async replay(fromSeq: number, onLine: (line: string, seq: number) => void): Promise<number> {
    // Only committed lines: snapshot the state at call time.
    const segs = this.segments.slice();
    const endSeq = this._lastSeq;
    let delivered = 0;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      const segLast = i + 1 < segs.length ? segs[i + 1].firstSeq - 1 : endSeq;
      if (segLast < fromSeq || segLast < seg.firstSeq) continue; // skip whole segment by name
      delivered += await this.replaySegment(seg, segLast, fromSeq, onLine);
    }
    return delivered;
  }

  /**
   * Deletes old segments that a snapshot covers. Only a prefix of the log is
   * deleted (stop at the first segment that must stay) so the log never has gaps.
   */
  prune(opts: { coveredSeq: number; retentionMs: number; nowMs: number }): Promise<number> {
    return this.lock(async () => {
      const cutoff = opts.nowMs - opts.retentionMs;
      let deleted = 0;
      while (this.segments.length > 1) {
        const seg = this.segments[0];
        if (this.segments[1].firstSeq - 1 > opts.coveredSeq) break;
        const { mtimeMs } = await fsp.stat(seg.file);
        if (mtimeMs >= cutoff) break;
        await fsp.unlink(seg.file);
        this.segments.shift();
        deleted++;
      }
      if (deleted > 0) await this.syncDir(this.dir);
      return deleted;
    });
  }

  stats(): { segments: number; bytes: number; lastSeq: number; firstSeq: number } {
    let bytes = 0;
    for (const s of this.segments) bytes += s.size;
    // firstSeq = first stored seq; lastSeq + 1 when no event is stored.
    const firstSeq = this.segments.length ? Math.min(this.segments[0].firstSeq, this._lastSeq + 1) : this._lastSeq + 1;
    return { segments: this.segments.length, bytes, lastSeq: this._lastSeq, firstSeq };
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.running) await this.running;
    await this.lock(() => this.dropHandle());
  }

  // ---------------------------------------------------------------- internals

  private lock<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private scheduleFlush(): void {
    if (this.running) return;
    this.running = (async () => {
      // Yield once so appends issued in the same tick join the first group.
      await null;
      // Take the queue inside the lock: everything queued while the previous
      // write+fsync (or a prune) was running goes out in one write+fsync.
      while (this.queue.length > 0) await this.lock(() => this.commit(this.queue.splice(0)));
    })().finally(() => {
      this.running = null;
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  /** Writes one group; never throws (rejects the group's promises instead). */
  private async commit(group: Pending[]): Promise<void> {
    const fail = (err: unknown) => {
      this._writable = false;
      const e = new LogUnavailableError(`event log unavailable: ${(err as Error)?.message ?? err}`, { cause: err });
      for (const p of group) p.reject(e);
    };
    if (this.recovery) {
      try {
        await this.recover();
      } catch (err) {
        return fail(err);
      }
    }
    const segCount = this.segments.length;
    const startSize = segCount > 0 ? this.segments[segCount - 1].size : 0;
    let lineCount = 0;
    for (const p of group) lineCount += p.count;
    try {
      if (lineCount > 0) await this.writeGroup(group);
    } catch (err) {
      // The bytes may be partially on disk: remember the last durable state and
      // restore it (truncate + delete new segments) before the next write.
      const orphans = this.segments.splice(segCount).map((s) => s.file);
      if (segCount > 0) this.segments[segCount - 1].size = startSize;
      this.recovery = { segCount, size: startSize, orphans };
      await this.dropHandle();
      return fail(err);
    }
    this._writable = true;
    let seq = this._lastSeq;
    this._lastSeq += lineCount;
    for (const p of group) {
      seq += p.count;
      p.resolve(seq);
    }
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    let cur = this.segments.at(-1) ?? (await this.roll(this._lastSeq + 1));
    const buf = groupBytes(group);
    if (cur.size + buf.length <= this.segmentBytes) return this.writeChunk(cur, buf); // common case
    // Slow path: split on line boundaries across segments. A single line larger
    // than segmentBytes gets a segment of its own (which then exceeds the limit).
    let seq = this._lastSeq;
    let chunk: string[] = [];
    let chunkBytes = 0;
    for (const p of group) {
      for (const line of p.lines ?? splitLines(p.bytes!)) {
        const b = Buffer.byteLength(line) + 1;
        const used = cur.size + chunkBytes;
        if (used > 0 && used + b > this.segmentBytes) {
          if (chunk.length > 0) {
            await this.writeChunk(cur, Buffer.from(chunk.join('\n') + '\n'));
            seq += chunk.length;
            chunk = [];
            chunkBytes = 0;
          }
          cur = await this.roll(seq + 1);
        }
        chunk.push(line);
        chunkBytes += b;
      }
    }
    if (chunk.length > 0) await this.writeChunk(cur, Buffer.from(chunk.join('\n') + '\n'));
  }

  /** Positional write of the whole buffer at the segment's end, then fdatasync. */
  private async writeChunk(seg: Segment, buf: Buffer): Promise<void> {
    if (!this.fh) this.fh = await this.fs.open(seg.file, 'r+');
    const fh = this.fh;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await fh.write(buf, off, buf.length - off, seg.size + off);
      if (bytesWritten <= 0) throw new Error('short write (0 bytes)');
      off += bytesWritten;
    }
    this._fsyncCount++;
    await fh.datasync();
    seg.size += buf.length;
  }

  /** Creates the next segment (the previous one is already synced). */
  private async roll(firstSeq: number): Promise<Segment> {
    await this.dropHandle();
    const file = path.join(this.dir, segmentFileName(firstSeq));
    this.fh = await this.fs.open(file, 'w');
    const seg: Segment = { firstSeq, file, size: 0 };
    this.segments.push(seg); // pushed before syncDir so a failure marks it orphan
    await this.syncDir(this.dir);
    return seg;
  }

  /** Restores the last durable state after a failed commit ("reopen"). */
  private async recover(): Promise<void> {
    const r = this.recovery!;
    await this.dropHandle();
    for (const file of r.orphans) {
      await fsp.unlink(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    if (r.orphans.length > 0) await this.syncDir(this.dir);
    if (r.segCount > 0) {
      const seg = this.segments[r.segCount - 1];
      this.fh = await this.fs.open(seg.file, 'r+');
      await this.fh.truncate(r.size);
      this._fsyncCount++;
      await this.fh.sync(); // full fsync: the size shrank
      seg.size = r.size;
    }
    this.recovery = null;
  }

  /**
   * Scans the last segment, truncating a torn tail (bytes after the last '\n')
   * and a last line that is not valid JSON: such writes were never acknowledged.
   * Returns the number of complete lines kept.
   */
  private async recoverTail(seg: Segment): Promise<number> {
    let count = 0;
    let lastNl = -1;
    let prevNl = -1;
    let size = 0;
    let keep: number;
    const fh = await fsp.open(seg.file, 'r');
    try {
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, READ_CHUNK, size);
        if (bytesRead === 0) break;
        const view = buf.subarray(0, bytesRead);
        for (let i = view.indexOf(NL); i !== -1; i = view.indexOf(NL, i + 1)) {
          count++;
          prevNl = lastNl;
          lastNl = size + i;
        }
        size += bytesRead;
      }
      keep = lastNl + 1;
      if (count > 0) {
        const start = prevNl + 1;
        const line = Buffer.alloc(lastNl - start);
        await fh.read(line, 0, line.length, start);
        try {
          JSON.parse(line.toString('utf8'));
        } catch {
          keep = start;
          count--;
        }
      }
    } finally {
      await fh.close();
    }
    if (keep < size) {
      const w = await this.fs.open(seg.file, 'r+');
      try {
        await w.truncate(keep);
        this._fsyncCount++;
        await w.sync();
      } finally {
        await w.close();
      }
    }
    seg.size = keep;
    return count;
  }

  private async replaySegment(
    seg: Segment,
    segLast: number,
    fromSeq: number,
    onLine: (line: string, seq: number) => void,
  ): Promise<number> {
    const fh = await fsp.open(seg.file, 'r');
    let delivered = 0;
    try {
      const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, Math.max(seg.size, 64 * 1024)));
      const decoder = new StringDecoder('utf8'); // handles UTF-8 split across chunks
      let carry = '';
      let seq = seg.firstSeq;
      let pos = 0;
      while (seq <= segLast) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        const text = carry + decoder.write(buf.subarray(0, bytesRead));
        let start = 0;
        for (let nl = text.indexOf('\n'); nl !== -1 && seq <= segLast; nl = text.indexOf('\n', start)) {
          if (seq >= fromSeq) {
            onLine(text.slice(start, nl), seq);
            delivered++;
          }
          seq++;
          start = nl + 1;
        }
        carry = text.slice(start);
      }
    } finally {
      await fh.close();
    }
    return delivered;
  }

  private async dropHandle(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    // Close errors are irrelevant: everything acknowledged was already synced.
    if (fh) await fh.close().catch(() => undefined);
  }

  private async syncDir(dir: string): Promise<void> {
    const d = await this.fs.open(dir, 'r');
    try {
      this._fsyncCount++;
      await d.sync();
    } finally {
      await d.close().catch(() => undefined);
    }
  }
}

/** The group's lines as one buffer: each caller's own bytes where it gave them. */
function groupBytes(group: Pending[]): Buffer {
  const parts = group.filter((p) => p.count > 0).map((p) => p.bytes ?? Buffer.from(p.lines!.join('\n') + '\n'));
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** Lines in bytes that end each line with a newline. */
function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function splitLines(bytes: Buffer): string[] {
  return bytes.toString('utf8').slice(0, -1).split('\n');
}
