import { describe, expect, it } from 'vitest';
import type { Zone } from '../../lib/api-types';
import { formatHexValue, hexScale, rampColor, zoneLabel, zoneValue } from '../../lib/hex-scale';

const zone = (supply: number, demand: number, surge: number): Zone => ({ cell: '8839220f03fffff', supply, demand, ratio: demand / Math.max(1, supply), surge });

describe('hex colour scales', () => {
  it('interpolates along a ramp and clamps outside it', () => {
    const ramp = ['#000000', '#ffffff'];
    expect(rampColor(ramp, 0)).toBe('#000000');
    expect(rampColor(ramp, 0.5)).toBe('#808080');
    expect(rampColor(ramp, 1)).toBe('#ffffff');
    expect(rampColor(ramp, 7)).toBe('#ffffff');
    expect(rampColor(ramp, NaN)).toBe('#000000');
    expect(rampColor(['#000000', '#ff0000', '#ffffff'], 0.75)).toBe('#ff8080');
  });

  it('runs counts from 0 to the largest, surge from 1 to the largest', () => {
    const zones = [zone(2, 8, 1.2), zone(5, 0, 2.5)];
    const d = hexScale(zones, 'demand');
    expect([d.min, d.max]).toEqual([0, 8]);
    expect(d.color(0)).toBe(d.stops[0]);
    expect(d.color(8)).toBe(d.stops[d.stops.length - 1]);
    const s = hexScale(zones, 'surge');
    expect([s.min, s.max]).toEqual([1, 2.5]);
    expect(s.color(1)).toBe(s.stops[0]);
  });

  it('keeps a calm city pale: no demand is not stretched to the darkest colour', () => {
    const d = hexScale([zone(3, 0, 1)], 'demand');
    expect(d.max).toBe(1);
    expect(d.color(0)).toBe(d.stops[0]);
    expect(hexScale([zone(3, 0, 1)], 'surge').max).toBe(1.5);
  });

  it('reads the metric of a zone and formats legend figures', () => {
    const z = zone(4, 6, 1.75);
    expect([zoneValue(z, 'supply'), zoneValue(z, 'demand'), zoneValue(z, 'surge')]).toEqual([4, 6, 1.75]);
    expect(formatHexValue('surge', 1.75)).toBe('×1.8');
    expect(formatHexValue('demand', 6.4)).toBe('6');
  });

  it('labels a zone in words, singular and plural', () => {
    expect(zoneLabel(zone(1, 5, 1.4))).toBe('Zone · 1 idle driver · 5 waiting orders · surge ×1.4');
    expect(zoneLabel(zone(0, 1, 1))).toBe('Zone · 0 idle drivers · 1 waiting order · surge ×1.0');
  });
});
