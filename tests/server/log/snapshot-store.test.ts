import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotStore, snapshotFileName } from '../../../server/log/snapshot-store';
import { rmDir, tmpDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = tmpDir('snapstore-');
});
afterEach(() => rmDir(dir));

const snapFiles = () => fs.readdirSync(dir).filter((n) => n.startsWith('snapshot-')).sort();

describe('SnapshotStore', () => {
  it('returns null when there is no snapshot (or no dir)', async () => {
    expect(await new SnapshotStore(dir).loadLatest()).toBeNull();
    expect(await new SnapshotStore(path.join(dir, 'missing')).loadLatest()).toBeNull();
  });

  it('round-trips save/loadLatest and picks the newest seq', async () => {
    const store = new SnapshotStore(dir);
    const snap = { vehicles: { v1: { lat: 52.5, lng: 13.4 } }, note: 'emoji 🚚 ünïcode' };
    await store.save(10, { old: true });
    await store.save(120, snap);
    await store.save(9, { older: true });
    expect(await store.loadLatest()).toEqual({ seq: 120, snapshot: snap });
    expect(snapFiles().every((n) => n.endsWith('.json'))).toBe(true); // no tmp left
  });

  it('keep=2 prunes older snapshots', async () => {
    const store = new SnapshotStore(dir, { keep: 2 });
    for (const seq of [1, 5, 9, 12]) await store.save(seq, { seq });
    expect(snapFiles()).toEqual([snapshotFileName(9), snapshotFileName(12)]);
  });

  it('skips a corrupt newest snapshot and uses the previous one', async () => {
    const store = new SnapshotStore(dir);
    await store.save(5, { seq: 5 });
    await store.save(8, { seq: 8 });
    fs.writeFileSync(path.join(dir, snapshotFileName(8)), '{"seq": 8, "veh');
    expect(await store.loadLatest()).toEqual({ seq: 5, snapshot: { seq: 5 } });
  });

  it('writes large snapshots in slices without splitting multi-byte chars', async () => {
    const store = new SnapshotStore(dir);
    // > 8M chars so the sliced write path runs; 🚚 is a surrogate pair.
    const big = { s: 'x'.repeat(8 * 1024 * 1024 - 7) + '🚚'.repeat(1000) };
    await store.save(1, big);
    const loaded = await store.loadLatest();
    expect((loaded!.snapshot as typeof big).s === big.s).toBe(true);
  });
});
