/**
 * The fleet simulator's public API. See docs/simulator.md.
 *
 * @example a whole day as a stream
 *   for (const event of simulateDay({ seed: 7, drivers: 300, date: '2026-11-25' })) send(event);
 *
 * @example real time (a live demo)
 *   const sim = new DaySimulator({ drivers: 300, date: today });
 *   setInterval(() => post(sim.advanceTo(Date.now())), 1000);
 */
import type { FleetEvent } from '../../lib/events';
import { DaySimulator, type SimHooks } from './simulator';
import type { SimSummary } from './summary';
import type { SimSettings } from './settings';

export { DaySimulator, type SimHooks } from './simulator';
export type { SimSummary } from './summary';
export {
  DEFAULT_SETTINGS,
  dayStartOf,
  resolveSettings,
  SimSettingsError,
  type ResolvedSettings,
  type SimSettings,
} from './settings';
export {
  IdlePool,
  nearestIdleByDistance,
  nearestIdleByTravelTime,
  type DispatchChoice,
  type DispatchContext,
  type DispatchOrder,
  type DispatchPolicy,
} from './dispatch';
export { demandShape, type HotSpot, type HotSpotKind } from './demand';
export { freeFlow, rushHourCongestion } from './congestion';
export type { ArrivalTruth, FaultTruth, OrderTruth, PositionTruth, ShiftTruth, TruthRecord } from './truth';

/** How much event time each internal step of the generators covers. */
const STEP_MS = 60_000;

/**
 * The whole day's events in feed order, one at a time (only about a minute of events is held in
 * memory). The generator's return value is the day's summary.
 */
export function* simulateDay(
  settings: Partial<SimSettings> = {},
  hooks: SimHooks = {},
): Generator<FleetEvent, SimSummary, undefined> {
  const sim = new DaySimulator(settings, hooks);
  for (let t = sim.startTs + STEP_MS; t < sim.endTs; t += STEP_MS) yield* sim.advanceTo(t);
  yield* sim.finish();
  return sim.summary();
}

/**
 * The events the feed delivers in (fromTs, toTs] of the day. The day is still simulated from its
 * start (determinism needs it), but events before fromTs are not kept. For repeated slices, hold a
 * DaySimulator and call advanceTo instead.
 */
export function* simulateRange(
  settings: Partial<SimSettings>,
  fromTs: number,
  toTs: number,
  hooks: SimHooks = {},
): Generator<FleetEvent, SimSummary, undefined> {
  const sim = new DaySimulator(settings, hooks);
  sim.skipTo(fromTs);
  for (let t = Math.max(fromTs, sim.startTs); t < toTs; ) {
    t = Math.min(toTs, t + STEP_MS);
    yield* sim.advanceTo(t);
  }
  return sim.summary();
}
