/** The numbers of a simulated day so far: what the CLI prints and the shape tests check. */
import { OFFLINE, type SimDriver } from './driver';

export interface SimSummary {
  startTs: number;
  endTs: number;
  /** the simulation clock */
  now: number;
  drivers: number;
  /** drivers who logged on at least once so far */
  driversWorked: number;
  driversOnline: number;
  orders: number;
  delivered: number;
  cancelled: number;
  open: number;
  /** delivered by the promised time */
  onTime: number;
  /** onTime / delivered (0 before the first delivery) */
  onTimeShare: number;
  /** share of online driver time with an active order */
  utilization: number;
  /** events the feed has delivered (duplicates included) */
  events: number;
  locations: number;
  faults: { duplicate: number; out_of_order: number; late: number; gps_jump: number };
}

type Counts = Omit<SimSummary, 'now' | 'drivers' | 'driversOnline' | 'onTimeShare' | 'utilization'>;

/** Adds the fleet's figures (online now, utilization up to `now`) to the running counts. */
export function summarize(drivers: readonly SimDriver[], now: number, counts: Counts): SimSummary {
  let online = 0;
  let onlineMs = 0;
  let busyMs = 0;
  for (const d of drivers) {
    onlineMs += d.onlineMs;
    busyMs += d.busyMs;
    if (d.state !== OFFLINE) {
      online++;
      onlineMs += now - d.onlineSince;
      if (d.order) busyMs += now - d.busySince;
    }
  }
  return {
    ...counts,
    now,
    drivers: drivers.length,
    driversOnline: online,
    onTimeShare: counts.delivered ? counts.onTime / counts.delivered : 0,
    utilization: onlineMs ? busyMs / onlineMs : 0,
  };
}
