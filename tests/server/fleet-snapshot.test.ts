import { afterEach, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../lib/events';
import { snapshotEngine } from '../../server/engine/snapshot';
import { Fleet } from '../../server/fleet';
import { loc, T0 } from '../support/events';
import { rmDir, tmpDir } from './log/helpers';

let dir = '';
afterEach(() => rmDir(dir));

/** A batch of `n` fixes of 40 drivers, each with its own id, from `from` on. */
const batch = (from: number, n: number): FleetEvent[] =>
  Array.from({ length: n }, (_, i) => loc(`d${(from + i) % 40}`, T0 + (from + i) * 1000, 41.15 + ((from + i) % 40) * 1e-3, -8.61, { id: `e${from + i}` }));

describe('the embedded fleet: a snapshot while batches apply', () => {
  it('is taken between two batches, so a restart from it and the log gives the same state', async () => {
    dir = tmpDir('fleet-');
    const fleet = await Fleet.open({ dataDir: dir });
    // Batches larger than a slice (250): each applies over several turns of the event loop.
    const ingests = [0, 600, 1200, 1800].map((from) => fleet.ingest(fleet.check(batch(from, 600))));
    // Asked for while a batch is half applied.
    while (fleet.engine.counters.accepted % 600 === 0) await new Promise((r) => setImmediate(r));
    const snapshot = fleet.snapshot();
    const results = await Promise.all(ingests);
    await snapshot;
    expect(results.map((r) => r.accepted)).toEqual([600, 600, 600, 600]);
    const before = JSON.stringify(snapshotEngine(fleet.engine));
    await fleet.close();

    const reopened = await Fleet.open({ dataDir: dir });
    try {
      expect(JSON.stringify(snapshotEngine(reopened.engine))).toBe(before);
      expect(reopened.engine.counters.duplicates).toBe(0);
    } finally {
      await reopened.close();
    }
  });
});
