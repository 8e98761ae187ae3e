import { describe, expect, it } from 'vitest';
import { generateCity } from '../../server/roads/generate';
import { Rng } from '../../server/roads/random';
import { Router } from '../../server/roads/router';
import { cityDemandFactor, meanTripSeconds, REFERENCE_TRIP_SECONDS } from '../../server/sim/calibrate';
import { rushHourCongestion } from '../../server/sim/congestion';
import { defaultHotSpots, demandShape, HotSpotPicker, OrderClock, placeHotSpots } from '../../server/sim/demand';
import { OrderFactory } from '../../server/sim/orders';

const DAY = Date.UTC(2026, 10, 25);

describe('demand', () => {
  it('has its three peaks at breakfast, lunch and dinner', () => {
    const peaks: number[] = [];
    for (let m = 1; m < 24 * 60 - 1; m++) {
      const [a, b, c] = [demandShape((m - 1) / 60), demandShape(m / 60), demandShape((m + 1) / 60)];
      if (b > a && b >= c) peaks.push(m / 60);
    }
    expect(peaks.length).toBe(3);
    expect(peaks[0]).toBeCloseTo(8.5, 0);
    expect(peaks[1]).toBeCloseTo(12.8, 0);
    expect(peaks[2]).toBeCloseTo(20, 0);
  });

  it('creates the expected number of orders over the day', () => {
    const clock = new OrderClock(new Rng(1), DAY, DAY + 86_400_000, 30_000, 0);
    let n = 0;
    while (clock.next() < Infinity) n++;
    expect(Math.abs(n - 30_000)).toBeLessThan(3 * Math.sqrt(30_000));
  });

  it('slows traffic in the rush hours, arterials most, and never below free flow', () => {
    const c = rushHourCongestion(0);
    const at = (h: number) => DAY + h * 3_600_000;
    const PRIMARY = 2;
    const RESIDENTIAL = 6;
    expect(c(PRIMARY, at(3))).toBeCloseTo(1, 2);
    expect(c(PRIMARY, at(18.25))).toBeGreaterThan(1.6);
    expect(c(RESIDENTIAL, at(18.25))).toBeLessThan(c(PRIMARY, at(18.25)));
    expect(c(PRIMARY, at(8.25))).toBeGreaterThan(c(PRIMARY, at(11)));
    for (let h = 0; h < 24; h += 0.25) expect(c(RESIDENTIAL, at(h))).toBeGreaterThanOrEqual(1);
  });

  it('is sized to the reference city: the generated city measures REFERENCE_TRIP_SECONDS', () => {
    const g = generateCity(7);
    const router = new Router(g);
    const spots = placeHotSpots(g, router, defaultHotSpots(g, new Rng(7, 4)));
    const factory = new OrderFactory(g, new HotSpotPicker(spots), { slaMinutes: [35, 45], patienceMinutes: [12, 25] }, DAY);
    const mean = meanTripSeconds(router, factory, new Rng(7, 8), 1000);
    expect(Math.abs(mean / REFERENCE_TRIP_SECONDS - 1)).toBeLessThan(0.05);
    expect(cityDemandFactor(REFERENCE_TRIP_SECONDS)).toBe(1);
    expect(cityDemandFactor(2 * REFERENCE_TRIP_SECONDS)).toBeLessThan(1);
  });
});
