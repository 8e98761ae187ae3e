/**
 * Durable engine snapshots: `snapshot-<seq 20 digits>.json`, where seq is the
 * last event-log seq the snapshot covers. Written as tmp + fsync + rename +
 * directory fsync, so a crash leaves either the old or the new file, never a
 * half-written `.json`.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';

const SNAPSHOT_RE = /^snapshot-(\d{20})\.json$/;
const TMP_RE = /^snapshot-\d{20}\.json\.tmp$/;
/** Characters per write: bounds the extra Buffer copy of a huge JSON string. */
const WRITE_CHARS = 8 * 1024 * 1024;

export function snapshotFileName(seq: number): string {
  return `snapshot-${String(seq).padStart(20, '0')}.json`;
}

export class SnapshotStore {
  readonly dir: string;
  private readonly keep: number;
  /** Serializes saves so pruning and tmp cleanup never race another save. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dir: string, opts: { keep?: number } = {}) {
    this.dir = dir;
    this.keep = Math.max(1, opts.keep ?? 3);
  }

  save(seq: number, snapshot: unknown): Promise<void> {
    const p = this.chain.then(() => this.doSave(seq, snapshot));
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Newest snapshot that reads and parses; corrupt/unreadable ones are skipped. */
  async loadLatest(): Promise<{ seq: number; snapshot: unknown } | null> {
    for (const { seq, file } of await this.list()) {
      try {
        return { seq, snapshot: JSON.parse(await fsp.readFile(file, 'utf8')) };
      } catch {
        // Disk error / corruption: fall back to the next older snapshot.
      }
    }
    return null;
  }

  /** Snapshots newest first. */
  private async list(): Promise<{ seq: number; file: string }[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .filter((n) => SNAPSHOT_RE.test(n))
      .sort()
      .reverse()
      .map((n) => ({ seq: Number(SNAPSHOT_RE.exec(n)![1]), file: path.join(this.dir, n) }));
  }

  private async doSave(seq: number, snapshot: unknown): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
    // Size limit: JSON.stringify builds one string. V8 caps strings at ~512M
    // chars (RangeError beyond), and we need that string plus a bounded write
    // buffer in memory, so this is fine up to ~300 MB of JSON. Beyond that,
    // switch to a streaming serializer (write per top-level collection).
    const json = JSON.stringify(snapshot);
    if (json === undefined) throw new TypeError('snapshot is not JSON-serializable');
    const finalFile = path.join(this.dir, snapshotFileName(seq));
    const tmp = `${finalFile}.tmp`;
    const fh = await fsp.open(tmp, 'w');
    try {
      // Write in slices so we never hold a full UTF-8 copy of a huge string.
      for (let i = 0; i < json.length; ) {
        let end = Math.min(i + WRITE_CHARS, json.length);
        // Do not split a surrogate pair across two writes (would corrupt UTF-8).
        const c = json.charCodeAt(end - 1);
        if (end < json.length && c >= 0xd800 && c <= 0xdbff) end--;
        await fh.write(json.slice(i, end));
        i = end;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, finalFile);
    await syncDir(this.dir);

    // Retention: keep the newest `keep`; drop stale tmp files of crashed saves.
    const all = await this.list();
    for (const { file } of all.slice(this.keep)) await unlinkQuiet(file);
    for (const n of await fsp.readdir(this.dir)) {
      if (TMP_RE.test(n)) await unlinkQuiet(path.join(this.dir, n));
    }
  }
}

async function unlinkQuiet(file: string): Promise<void> {
  await fsp.unlink(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

async function syncDir(dir: string): Promise<void> {
  const d = await fsp.open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
