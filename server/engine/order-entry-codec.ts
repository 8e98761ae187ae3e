import { ORDER_STATUSES, type OrderEvent } from '../../lib/events';

/**
 * An order's accepted event as a snapshot keeps it: one flat array instead of an object with
 * nested points, `[late, ts, status, id, driverId, promisedTs, pickupLat, pickupLng, dropoffLat,
 * dropoffLng]`, with trailing absent fields left off:
 *
 * - `late`: 1 when the event came behind the watermark, else 0;
 * - `status`: its index in ORDER_STATUSES;
 * - `id`: 0 when the event had none, 1 when it was `<orderId>.<status>` (what most producers and
 *   the simulator send), else the id itself;
 * - `driverId`, `promisedTs` and each point: null when absent.
 *
 * A day's orders are most of an evening checkpoint, and every replay seek parses one: as objects
 * they were 22 of its 38 MB, repeating the order's id, the event type and every key in each event.
 */
export type OrderEntryRow = (number | string | null)[];

const STATUS_INDEX = new Map(ORDER_STATUSES.map((s, i) => [s, i]));

export function encodeOrderEntry(late: boolean, ev: OrderEvent): OrderEntryRow {
  const id = ev.id === undefined ? 0 : ev.id === `${ev.orderId}.${ev.status}` ? 1 : ev.id;
  const row: OrderEntryRow = [
    late ? 1 : 0,
    ev.ts,
    STATUS_INDEX.get(ev.status)!,
    id,
    ev.driverId ?? null,
    ev.promisedTs ?? null,
    ev.pickup?.lat ?? null,
    ev.pickup?.lng ?? null,
    ev.dropoff?.lat ?? null,
    ev.dropoff?.lng ?? null,
  ];
  while (row.length > 4 && row[row.length - 1] === null) row.pop();
  return row;
}

/**
 * The event `encodeOrderEntry` was given, with its keys in the validator's order (so that what is
 * served from a restored engine reads exactly as before), and whether it was late.
 */
export function decodeOrderEntry(orderId: string, row: OrderEntryRow): { late: boolean; event: OrderEvent } {
  const status = ORDER_STATUSES[row[2] as number];
  if (status === undefined) throw new Error(`order ${orderId}: status code ${String(row[2])} is not known`);
  const ts = row[1] as number;
  const idField = row[3];
  const event: OrderEvent =
    idField === 0
      ? { type: 'order', orderId, ts, status }
      : { type: 'order', id: idField === 1 ? `${orderId}.${status}` : (idField as string), orderId, ts, status };
  if (row[6] != null) event.pickup = { lat: row[6] as number, lng: row[7] as number };
  if (row[8] != null) event.dropoff = { lat: row[8] as number, lng: row[9] as number };
  if (row[4] != null) event.driverId = row[4] as string;
  if (row[5] != null) event.promisedTs = row[5] as number;
  return { late: row[0] === 1, event };
}
