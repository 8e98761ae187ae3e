import { describe, expect, it } from 'vitest';
import type { TrailPoint } from '../../lib/api-types';
import { statusTimeline, timelineMinutes } from '../../lib/status-timeline';

const M = 60_000;
const order = (assignedTs: number | null, pickedUpTs: number | null = null, deliveredTs: number | null = null, cancelledTs: number | null = null) => ({ assignedTs, pickedUpTs, deliveredTs, cancelledTs });
const fixes = (from: number, to: number, every = M): TrailPoint[] => {
  const out: TrailPoint[] = [];
  for (let t = from; t <= to; t += every) out.push([t, 41, -8.6]);
  return out;
};

describe('statusTimeline', () => {
  it('idle, to pickup, to drop-off from an order, idle again, up to now', () => {
    const bands = statusTimeline({ orders: [order(10 * M, 20 * M, 35 * M)], trail: fixes(0, 60 * M), status: 'idle', lastFixTs: 60 * M, nowTs: 60 * M });
    expect(bands).toEqual([
      { from: 0, to: 10 * M, status: 'idle' },
      { from: 10 * M, to: 20 * M, status: 'to_pickup' },
      { from: 20 * M, to: 35 * M, status: 'to_dropoff' },
      { from: 35 * M, to: 60 * M, status: 'idle' },
    ]);
    expect(timelineMinutes(bands)).toEqual({ idle: 35, to_pickup: 10, to_dropoff: 15, offline: 0 });
  });

  it('an open order runs to now; with batched orders, to drop-off wins over to pickup', () => {
    const bands = statusTimeline({ orders: [order(0, 10 * M), order(5 * M)], trail: [], status: 'to_dropoff', lastFixTs: 20 * M, nowTs: 30 * M });
    expect(bands).toEqual([
      { from: 0, to: 10 * M, status: 'to_pickup' },
      { from: 10 * M, to: 30 * M, status: 'to_dropoff' },
    ]);
  });

  it('a cancelled order ends its band at the cancellation', () => {
    const bands = statusTimeline({ orders: [order(0, null, null, 4 * M)], trail: fixes(0, 10 * M), status: 'idle', lastFixTs: 10 * M, nowTs: 10 * M });
    expect(bands.map((b) => b.status)).toEqual(['to_pickup', 'idle']);
    expect(bands[0].to).toBe(4 * M);
  });

  it('a long silence in the trail is offline, and an offline driver is offline since its last fix', () => {
    const trail = [...fixes(0, 10 * M), ...fixes(30 * M, 40 * M)];
    const bands = statusTimeline({ orders: [], trail, status: 'offline', lastFixTs: 40 * M, nowTs: 50 * M });
    expect(bands).toEqual([
      { from: 0, to: 10 * M, status: 'idle' },
      { from: 10 * M, to: 30 * M, status: 'offline' },
      { from: 30 * M, to: 40 * M, status: 'idle' },
      { from: 40 * M, to: 50 * M, status: 'offline' },
    ]);
  });

  it('reaches back at most the span', () => {
    const bands = statusTimeline({ orders: [order(0, M, 2 * M)], trail: [], status: 'idle', lastFixTs: null, nowTs: 10 * 3_600_000 }, { spanMs: 3_600_000 });
    expect(bands).toEqual([{ from: 9 * 3_600_000, to: 10 * 3_600_000, status: 'idle' }]);
  });

  it('nothing known: no bands', () => {
    expect(statusTimeline({ orders: [], trail: [], status: 'idle', lastFixTs: null, nowTs: 5 })).toEqual([]);
  });
});
