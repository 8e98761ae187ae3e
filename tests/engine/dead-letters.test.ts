import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { deadLettersBody, metricsBody, orderBody } from '../../server/engine/views';
import { assigned, cancelled, created, delivered, feed, lifecycle, loc, min, sec } from '../support/events';

/** Moves the engine clock (and so the watermark, 2 minutes behind it) without touching orders. */
const clockAt = (ts: number) => loc('clock', ts, 41.2, -8.6);

describe('dead letters', () => {
  it('an event that cannot apply yet is not dead-lettered while the watermark has not passed it', () => {
    const e = feed(new Engine(), [delivered('o1', sec(0)), clockAt(min(2))]);
    expect(deadLettersBody(e)).toEqual({ total: 0, items: [] });
  });

  it('an event that can never apply is dead-lettered once the watermark passes it', () => {
    const e = feed(new Engine(), [delivered('o1', sec(0)), clockAt(min(2) + 1)]);
    expect(deadLettersBody(e).items).toEqual([
      {
        ts: sec(0),
        reason: 'order o1: delivered has no created event before it within the allowed lateness',
        event: delivered('o1', sec(0)),
      },
    ]);
  });

  it('names a missing step in the reason', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), delivered('o1', sec(10)), clockAt(min(3))]);
    expect(deadLettersBody(e).items[0].reason).toBe('order o1: cannot go from created to delivered (a step is missing within the allowed lateness)');
  });

  it('names a finished order in the reason', () => {
    const e = feed(new Engine(), [...lifecycle('o1', 'd1', [sec(0), sec(1), sec(2), sec(3)]), cancelled('o1', sec(4)), clockAt(min(3))]);
    expect(deadLettersBody(e).items[0].reason).toBe('order o1: cancelled cannot apply, the order is already delivered');
  });

  it('names a second created in the reason', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), created('o1', sec(5)), clockAt(min(3))]);
    expect(deadLettersBody(e).items[0].reason).toBe('order o1: created twice');
  });

  it('a late event that can never apply is dead-lettered at once', () => {
    const e = feed(new Engine(), [...lifecycle('o1', 'd1', [min(0), min(1), min(2), min(3)]), clockAt(min(10)), cancelled('o1', min(4))]);
    expect(deadLettersBody(e).total).toBe(1);
  });

  it('does not change the order it could not apply to', () => {
    const e = feed(new Engine(), [created('o1', sec(0)), delivered('o1', sec(10)), clockAt(min(3))]);
    expect(orderBody(e, 'o1')!.status).toBe('created');
  });

  it('lets the events after it apply once it is given up on', () => {
    // picked_up at 0:20 lacks an assignment; once dropped, the cancellation at 0:30 applies.
    const e = feed(new Engine(), [created('o1', sec(0)), { type: 'order', orderId: 'o1', ts: sec(20), status: 'picked_up' }, cancelled('o1', sec(30)), clockAt(min(3))]);
    expect(orderBody(e, 'o1')!.status).toBe('cancelled');
  });

  it('lists items newest first', () => {
    const e = feed(new Engine(), [delivered('o1', sec(0)), clockAt(min(3)), delivered('o2', min(3)), clockAt(min(6))]);
    expect(deadLettersBody(e).items.map((x) => x.event)).toEqual([delivered('o2', min(3)), delivered('o1', sec(0))]);
  });

  it('counts them in metrics.ingest.deadLetters and in total', () => {
    const e = feed(new Engine(), [delivered('o1', sec(0)), assigned('o2', sec(1), 'd1'), clockAt(min(3))]);
    expect(metricsBody(e).ingest.deadLetters).toBe(2);
    expect(deadLettersBody(e).total).toBe(2);
  });

  it('the same event re-sent after it was dead-lettered is a duplicate, not a second dead letter', () => {
    const e = new Engine();
    feed(e, [delivered('o1', sec(0)), clockAt(min(3))]);
    expect(e.ingest(delivered('o1', sec(0)))).toBe('duplicate');
    expect(deadLettersBody(e).total).toBe(1);
  });
});
