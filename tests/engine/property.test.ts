import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { metricsBody } from '../../server/engine/views';
import { feed } from '../support/events';
import { canonicalState } from './canonical';
import { arrivalsArb, scenarioArb } from './random-events';

const LATENESS = new Engine().cfg.allowedLatenessMs;

describe('arrival order within the lateness', () => {
  it('any arrival order within the lateness, with re-sent copies, gives the state of the sorted list', () => {
    const arb = scenarioArb.chain((events) => arrivalsArb(events, LATENESS).map((a) => ({ events, ...a })));
    fc.assert(
      fc.property(arb, ({ events, arrivals, copies }) => {
        const sorted = feed(new Engine(), events);
        const shuffled = feed(new Engine(), arrivals);
        expect(canonicalState(shuffled, events)).toEqual(canonicalState(sorted, events));
        expect(metricsBody(shuffled).ingest).toMatchObject({ duplicates: copies, late: 0 });
      }),
      { numRuns: 1000 },
    );
  });
});
