import { describe, expect, it } from 'vitest';
import { ageLabel, etaLabel, hhmm } from '../../lib/map-labels';

const T = Date.UTC(2026, 10, 25, 14, 26, 0);

describe('map labels', () => {
  it('writes the ETA as a UTC clock time and minutes from now', () => {
    expect(hhmm(T)).toBe('14:26');
    expect(etaLabel(T + 6 * 60_000, T)).toBe('ETA 14:32 (6 min)');
    expect(etaLabel(T + 10_000, T)).toBe('ETA 14:26 (now)');
    expect(etaLabel(T - 3 * 60_000, T)).toBe('ETA 14:23 (3 min late)');
  });

  it('writes the age of a fix in seconds, minutes or hours', () => {
    expect(ageLabel(8_000)).toBe('8 s');
    expect(ageLabel(3 * 60_000)).toBe('3 min');
    expect(ageLabel(2 * 3_600_000)).toBe('2 h');
    expect(ageLabel(-5)).toBe('0 s');
  });
});
