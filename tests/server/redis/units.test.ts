import { describe, expect, it } from 'vitest';
import { dropRepeats } from '../../../server/redis/batch-dedup';
import { compareStreamIds, minStreamId } from '../../../server/redis/stream-id';
import { loc, online, sec } from '../../support/events';

describe('stream ids', () => {
  it('compare by milliseconds, then by sequence, as numbers', () => {
    expect(compareStreamIds('1700000000000-9', '1700000000000-10')).toBeLessThan(0);
    expect(compareStreamIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
    expect(compareStreamIds('5-5', '5-5')).toBe(0);
    expect(compareStreamIds('0', '0-0')).toBe(0);
    expect(minStreamId('9-1', '10-0')).toBe('9-1');
  });
});

describe('repeats inside one batch', () => {
  it('are dropped by id, or by the contract key without one', () => {
    const a = loc('d1', sec(1), 41.1, -8.6);
    const { events, repeats } = dropRepeats([
      a,
      { ...a, lat: 41.2 }, // same driver and ts: the same fix by the contract key
      { ...online('d1', sec(1)), id: 'x' },
      { ...online('d2', sec(9)), id: 'x' }, // same id
      online('d1', sec(1)),
      { type: 'driver', driverId: 'd1', ts: sec(1), status: 'offline' }, // another status: not a repeat
    ]);
    expect(repeats).toBe(2);
    expect(events).toHaveLength(4);
  });
});
