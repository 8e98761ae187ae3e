import type { FleetEvent } from '../../lib/events';

/**
 * The duplicate key of the contract (section 1): the event's `id` when it has one, else its type,
 * entity id, `ts` and (order and driver events) `status`.
 */
export function duplicateKey(ev: FleetEvent): string {
  if (ev.id !== undefined) return `id\u0000${ev.id}`;
  switch (ev.type) {
    case 'location':
      return `location\u0000${ev.driverId}\u0000${ev.ts}`;
    case 'driver':
      return `driver\u0000${ev.driverId}\u0000${ev.ts}\u0000${ev.status}`;
    case 'order':
      return `order\u0000${ev.orderId}\u0000${ev.ts}\u0000${ev.status}`;
  }
}

/** Drops the repeats inside one batch (the engine would count them as duplicates anyway). */
export function dropRepeats(events: readonly FleetEvent[]): { events: FleetEvent[]; repeats: number } {
  const seen = new Set<string>();
  const out: FleetEvent[] = [];
  for (const ev of events) {
    const key = duplicateKey(ev);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ev);
  }
  return { events: out, repeats: events.length - out.length };
}
