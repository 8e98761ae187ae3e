import { describe, expect, it } from 'vitest';
import type { MetricsBody, SeriesPoint } from '../../lib/api-types';
import { FeedState, STALE_AFTER_MS, mergeSeries } from '../../lib/feed-state';
import type { EtaFrame } from '../../lib/live-types';

const point = (m: number, created = 0): SeriesPoint => ({
  ts: m * 60_000,
  created,
  delivered: 0,
  cancelled: 0,
  onTimeRate: null,
  etaMaeSeconds: null,
  events: 0,
  online: 0,
  idle: 0,
  busy: 0,
  supply: 0,
  demand: 0,
});

const metrics = { ts: 1 } as MetricsBody;

describe('FeedState: what one socket told the page', () => {
  it('notifies only the subscribers of the topic that changed', () => {
    const s = new FeedState();
    const seen: string[] = [];
    s.subscribe('metrics', () => seen.push('metrics'));
    s.subscribe('zones', () => seen.push('zones'));
    s.onMetrics(metrics, 0);
    expect(seen).toEqual(['metrics']);
    expect(s.metrics).toBe(metrics);
  });

  it('stops notifying after unsubscribe', () => {
    const s = new FeedState();
    let n = 0;
    const off = s.subscribe('metrics', () => n++);
    off();
    s.onMetrics(metrics, 0);
    expect(n).toBe(0);
  });

  it('goes connecting → live → reconnecting → live with connect and disconnect', () => {
    const s = new FeedState();
    const states: string[] = [s.connection];
    s.subscribe('connection', () => states.push(s.connection));
    s.onConnect(0);
    s.onDisconnect();
    s.onConnect(10);
    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('turns stale when a connected feed sends nothing for STALE_AFTER_MS, and live again on the next frame', () => {
    const s = new FeedState();
    s.onConnect(1000);
    s.checkStale(1000 + STALE_AFTER_MS);
    expect(s.connection).toBe('live');
    s.checkStale(1001 + STALE_AFTER_MS);
    expect(s.connection).toBe('stale');
    s.onMetrics(metrics, 2000 + STALE_AFTER_MS);
    expect(s.connection).toBe('live');
  });

  it('does not call a reconnecting feed stale', () => {
    const s = new FeedState();
    s.onConnect(0);
    s.onDisconnect();
    s.checkStale(10 * STALE_AFTER_MS);
    expect(s.connection).toBe('reconnecting');
  });

  it('replaces the series with a full frame and merges a recent one', () => {
    const s = new FeedState();
    s.onSeries({ ts: 0, full: true, points: [point(1), point(2), point(3)] }, 0);
    s.onSeries({ ts: 0, full: false, points: [point(3, 5), point(4, 1)] }, 0);
    expect(s.series.map((p) => [p.ts / 60_000, p.created])).toEqual([[1, 0], [2, 0], [3, 5], [4, 1]]);
    s.onSeries({ ts: 0, full: true, points: [point(9)] }, 0);
    expect(s.series).toEqual([point(9)]);
  });

  it('keeps the newest eta frame and tells only its own subscribers', () => {
    const s = new FeedState();
    const seen: string[] = [];
    s.subscribe('eta', () => seen.push('eta'));
    s.subscribe('metrics', () => seen.push('metrics'));
    const frame = { ts: 5, accuracy: {}, open: [], delivered: [] } as unknown as EtaFrame;
    s.onEta(frame, 0);
    expect(seen).toEqual(['eta']);
    expect(s.eta).toBe(frame);
  });

  it('keeps watched drivers until forgotten, and a seek forgets them all', () => {
    const s = new FeedState();
    s.onDriver({ id: 'a' } as never, 0);
    s.onDriver({ id: 'b' } as never, 0);
    s.forgetDriver('a');
    expect([...s.drivers.keys()]).toEqual(['b']);
    s.resetForSeek();
    expect(s.drivers.size).toBe(0);
  });
});

describe('mergeSeries', () => {
  it('appends minutes newer than everything kept', () => {
    expect(mergeSeries([point(1)], [point(2)])).toEqual([point(1), point(2)]);
  });
  it('replaces the minutes it carries, keeping the older ones', () => {
    expect(mergeSeries([point(1), point(2, 1), point(3, 1)], [point(2, 7)])).toEqual([point(1), point(2, 7)]);
  });
  it('leaves the series alone when the frame is empty', () => {
    const old = [point(1)];
    expect(mergeSeries(old, [])).toBe(old);
  });
});
