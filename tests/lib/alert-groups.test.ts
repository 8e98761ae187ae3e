import { describe, expect, it } from 'vitest';
import type { Alert } from '../../lib/api-types';
import { alertAge, countByKind, groupAlerts, kindInfo } from '../../lib/alert-groups';

const alert = (kind: string, entityId: string, since: number): Alert =>
  ({ id: `${kind}:${entityId}`, kind, entityId, since, message: `${kind} ${entityId}`, lat: 41.15, lng: -8.61 }) as Alert;

describe('groupAlerts', () => {
  it('lists the known kinds in their order, unknown ones after, longest open first', () => {
    const groups = groupAlerts([
      alert('gps_jump', 'd9', 5),
      alert('undersupplied_zone', 'z1', 3),
      alert('stale_driver', 'd2', 20),
      alert('battery_low', 'd4', 1),
      alert('stale_driver', 'd1', 10),
    ]);
    expect(groups.map((g) => g.info.kind)).toEqual(['stale_driver', 'undersupplied_zone', 'gps_jump', 'battery_low']);
    expect(groups[0].alerts.map((a) => a.entityId)).toEqual(['d1', 'd2']);
    expect(groups[3].info.label).toBe('Battery low');
  });
  it('is empty without alerts', () => {
    expect(groupAlerts([])).toEqual([]);
  });
});

describe('countByKind', () => {
  it('counts each kind', () => {
    const c = countByKind([alert('stale_driver', 'a', 0), alert('stale_driver', 'b', 0), alert('gps_jump', 'a', 0)]);
    expect(Object.fromEntries(c)).toEqual({ stale_driver: 2, gps_jump: 1 });
  });
});

describe('kindInfo', () => {
  it('says what a click selects', () => {
    expect(kindInfo('stale_driver').selects).toBe('driver');
    expect(kindInfo('order_at_risk').selects).toBe('order_driver');
    expect(kindInfo('undersupplied_zone').selects).toBeNull();
  });
});

describe('alertAge', () => {
  it('reads as seconds, minutes, then hours and minutes', () => {
    expect(alertAge(0, 40_000)).toBe('for 40 s');
    expect(alertAge(0, 4 * 60_000 + 59_000)).toBe('for 4 min');
    expect(alertAge(0, 125 * 60_000)).toBe('for 2 h 5 min');
    expect(alertAge(0, 120 * 60_000)).toBe('for 2 h');
  });
  it('never goes negative (an alert from a later event than the frame)', () => {
    expect(alertAge(10_000, 0)).toBe('for 0 s');
  });
});
