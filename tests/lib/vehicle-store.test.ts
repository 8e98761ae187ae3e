import { describe, expect, it } from 'vitest';
import { fixAge, positionAt, VehicleStore } from '../../lib/vehicle-store';

const v = (id: string, ts: number, lat: number, lng = 0, status: 'idle' | 'to_pickup' = 'idle') => ({ id, ts, lat, lng, status, heading: null, speedKph: null });

describe('VehicleStore', () => {
  it('a full frame replaces everything; deltas upsert and remove', () => {
    const s = new VehicleStore();
    s.apply({ ts: 1, full: true, upserts: [v('a', 1, 1), v('b', 1, 2)], removed: [] }, 0);
    s.apply({ ts: 2, full: false, upserts: [v('c', 2, 3)], removed: ['a'] }, 0);
    expect([...s.vehicles.keys()].sort()).toEqual(['b', 'c']);
    s.apply({ ts: 3, full: true, upserts: [v('c', 3, 4)], removed: [] }, 0);
    expect([...s.vehicles.keys()]).toEqual(['c']);
    expect(s.takeMembershipChanges()).toEqual({ added: ['c'], removed: ['a', 'b'] });
  });

  it('never moves a vehicle back to an older fix', () => {
    const s = new VehicleStore();
    s.apply({ ts: 5, full: true, upserts: [v('a', 5, 10)], removed: [] }, 0);
    s.apply({ ts: 6, full: false, upserts: [v('a', 4, 99)], removed: [] }, 0);
    expect(s.vehicles.get('a')!.lat).toBe(10);
  });

  it('glides from where the marker was drawn to the new fix', () => {
    const s = new VehicleStore();
    s.apply({ ts: 1, full: true, upserts: [v('a', 1, 0)], removed: [] }, 0);
    s.apply({ ts: 2, full: false, upserts: [v('a', 2, 10)], removed: [] }, 1000);
    const a = s.vehicles.get('a')!;
    expect(positionAt(a, 1000).lat).toBe(0);
    expect(positionAt(a, 1000 + 450).lat).toBeGreaterThan(5);
    expect(positionAt(a, 5000).lat).toBe(10);
  });

  it('grades the age of the newest fix against the clock', () => {
    const s = new VehicleStore();
    s.apply({ ts: 0, full: true, upserts: [v('a', 0, 0)], removed: [] }, 0);
    const a = s.vehicles.get('a')!;
    expect([fixAge(a, 10_000), fixAge(a, 60_000), fixAge(a, 300_000)]).toEqual(['fresh', 'ageing', 'stale']);
  });
});
