import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FleetEvent } from '../../lib/events';
import type { Browser } from 'playwright-core';
import { DayStore } from '../../server/days/day-store';
import type { AppProcess } from '../support/app-process';
import { startAppAndBrowser, stopAppAndBrowser } from '../support/app-browser';

const MIN = 60_000;
/** Porto, where the map opens. */
const CENTER = { lat: 41.1579, lng: -8.6291 };

export interface TestDay {
  id: string;
  label: string;
  startTs: number;
  hours: number;
  drivers: number;
  /** the roads the day was driven on, as `--roads` of `npm run days -- add` names them */
  roads?: string;
}

/**
 * A small recorded day whose map is easy to assert on: driver i appears at minute i (its first
 * fix) and then sends a fix every 20 s until the end, circling the centre; so at minute m of the
 * day min(m + 1, drivers) vehicles are on the map. Orders follow a morning and a late-morning
 * peak (the scrubber's curve). The last event is exactly at `startTs + hours`.
 */
export function testDayEvents(day: TestDay): FleetEvent[] {
  const endTs = day.startTs + day.hours * 60 * MIN;
  const events: FleetEvent[] = [];
  const at = (i: number, ts: number) => {
    const r = 0.006 + 0.0012 * i;
    const a = i * 0.7 + ((ts - day.startTs) / MIN) * 0.05;
    return { lat: round6(CENTER.lat + r * Math.sin(a)), lng: round6(CENTER.lng + (r * Math.cos(a)) / Math.cos((CENTER.lat * Math.PI) / 180)) };
  };
  for (let i = 0; i < day.drivers; i++) {
    const first = day.startTs + i * MIN;
    events.push({ type: 'driver', driverId: `d${i}`, ts: first, status: 'online', name: `Driver ${i}` });
    for (let ts = first; ts <= endTs; ts += 20_000) events.push({ type: 'location', driverId: `d${i}`, ts, ...at(i, ts), speedKph: 25 });
  }
  // Orders: a rate per minute with two peaks, emitted as whole orders by accumulation.
  let acc = 0;
  let k = 0;
  const minutes = day.hours * 60;
  for (let m = 0; m < minutes - 20; m++) {
    const rate = 0.3 + 2.5 * Math.exp(-(((m - 90) / 30) ** 2)) + 1.5 * Math.exp(-(((m - 300) / 25) ** 2));
    acc += rate;
    while (acc >= 1) {
      acc -= 1;
      const created = day.startTs + m * MIN + (k % 6) * 10_000;
      const driverId = `d${k % Math.min(day.drivers, m + 1)}`;
      const orderId = `o${k++}`;
      const pickup = at(k % day.drivers, created);
      const dropoff = at((k + 7) % day.drivers, created + 15 * MIN);
      events.push(
        { type: 'order', orderId, ts: created, status: 'created', pickup, dropoff, promisedTs: created + 30 * MIN },
        { type: 'order', orderId, ts: created + 30_000, status: 'assigned', driverId },
        { type: 'order', orderId, ts: created + 4 * MIN, status: 'picked_up' },
        { type: 'order', orderId, ts: created + 14 * MIN, status: 'delivered' },
      );
    }
  }
  return events.sort((a, b) => a.ts - b.ts);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Adds the days to DATA_DIR/days as `npm run days -- add` would, before the app starts. */
export async function addTestDays(dataDir: string, days: TestDay[]): Promise<void> {
  const store = new DayStore(path.join(dataDir, 'days'), () => {
    throw new Error('only imported days here');
  });
  fs.mkdirSync(store.dir, { recursive: true });
  for (const d of days) await store.addImported(d.id, d.label, `${d.id}.ndjson`, testDayEvents(d), () => 0, undefined, d.roads);
}

/**
 * Registers a simulated day as the server does its default one: prepared by the app on first
 * use. A few drivers, so that takes seconds rather than the default day's minute.
 */
export function addSimulatedDay(dataDir: string, id: string, label: string, drivers: number, date: string): void {
  const store = new DayStore(path.join(dataDir, 'days'), () => {
    throw new Error('the app prepares it');
  });
  store.addSimulated(id, label, { kind: 'simulated', seed: 7, drivers, date });
}

/** A fresh data folder holding these days, the app started on it, and Chromium. */
export async function startAppOnDays(days: TestDay[]): Promise<{ app: AppProcess; browser: Browser; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-days-'));
  await addTestDays(dataDir, days);
  return { ...(await startAppAndBrowser({ DATA_DIR: dataDir })), dataDir };
}

/** Stops what startAppOnDays started and removes its data folder. */
export async function stopAppOnDays(app: AppProcess | undefined, browser: Browser | undefined, dataDir: string | undefined): Promise<void> {
  await stopAppAndBrowser(app, browser);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
