import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../lib/events';
import { Rng } from '../../server/roads/random';
import { DaySimulator, simulateDay, simulateRange, type SimSettings, type TruthRecord } from '../../server/sim/index';
import { drain, ndjson } from './checks';

const SETTINGS: Partial<SimSettings> = { seed: 7, drivers: 12, date: '2026-11-25' };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function run(settings: Partial<SimSettings>): { events: string; truth: string } {
  const truth: TruthRecord[] = [];
  const { items } = drain(simulateDay({ ...settings, truthPositions: true }, { onTruth: (r) => truth.push(r) }));
  return { events: ndjson(items), truth: truth.map((r) => JSON.stringify(r)).join('\n') };
}

describe('determinism', () => {
  const first = run(SETTINGS);

  it('gives byte-identical events and ground truth for the same seed and settings', () => {
    const second = run(SETTINGS);
    expect(first.events.length).toBeGreaterThan(10_000);
    expect(sha(second.events)).toBe(sha(first.events));
    expect(sha(second.truth)).toBe(sha(first.truth));
  });

  it('gives the same bytes however the day is cut into advanceTo calls (the real-time mode)', () => {
    const sim = new DaySimulator(SETTINGS);
    const rng = new Rng(99);
    const out: FleetEvent[] = [];
    for (let t = sim.startTs; t < sim.endTs; t += 1 + rng.int(300_000)) out.push(...sim.advanceTo(t));
    out.push(...sim.finish());
    expect(sha(ndjson(out))).toBe(sha(first.events));
  });

  it('slices the same stream with simulateRange', () => {
    const day = first.events.split('\n').map((l) => JSON.parse(l) as FleetEvent);
    const from = Date.UTC(2026, 10, 25, 11);
    const to = Date.UTC(2026, 10, 25, 12);
    const slice = drain(simulateRange(SETTINGS, from, to)).items;
    expect(slice.length).toBeGreaterThan(100);
    // The slice is a contiguous piece of the day's feed.
    const at = day.findIndex((e) => JSON.stringify(e) === JSON.stringify(slice[0]));
    expect(ndjson(day.slice(at, at + slice.length))).toBe(ndjson(slice));
    expect(slice.every((e) => e.ts <= to)).toBe(true);
  });

  it('changes with the seed, and the day itself does not change with the share of feed faults', () => {
    expect(sha(run({ ...SETTINGS, seed: 8 }).events)).not.toBe(sha(first.events));
    const clean = (s: Partial<SimSettings>) =>
      run(s)
        .truth.split('\n')
        .filter((l) => !l.includes('"kind":"fault"'))
        .join('\n');
    expect(sha(clean({ ...SETTINGS, duplicateShare: 0.2 }))).toBe(sha(clean(SETTINGS)));
  });
});
