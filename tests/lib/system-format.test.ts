import { describe, expect, it } from 'vitest';
import { eventSummary, formatBytes, formatMs, formatUptime } from '../../lib/system-format';

describe('formatBytes', () => {
  it('uses binary units with a sensible precision', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.4 * 1024)).toBe('3.4 KB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MB');
    expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.3 GB');
    expect(formatBytes(null)).toBe('—');
  });
});

describe('formatMs', () => {
  it('keeps a decimal below 10 ms and switches to seconds at one', () => {
    expect(formatMs(0.43)).toBe('0.4 ms');
    expect(formatMs(12.6)).toBe('13 ms');
    expect(formatMs(1340)).toBe('1.3 s');
    expect(formatMs(null)).toBe('—');
  });
});

describe('formatUptime', () => {
  it('reads in the largest two units', () => {
    expect(formatUptime(45)).toBe('45 s');
    expect(formatUptime(12 * 60 + 5)).toBe('12 min');
    expect(formatUptime(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatUptime(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
  });
});

describe('eventSummary', () => {
  it('names the event by type, entity and status', () => {
    expect(eventSummary({ type: 'order', orderId: 'o1', ts: 1, status: 'delivered' })).toBe('order o1 delivered');
    expect(eventSummary({ type: 'location', driverId: 'd7', ts: 1, lat: 0, lng: 0 })).toBe('location of d7');
    expect(eventSummary({ type: 'driver', driverId: 'd2', ts: 1, status: 'online' })).toBe('driver d2 online');
    expect(eventSummary({ type: 'weird' })).toBe('weird event');
    expect(eventSummary(null)).toBe('null');
  });
});
