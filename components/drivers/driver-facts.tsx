import type { DriverDetail } from '../../lib/api-types';
import { agoText, fixAgeMs } from '../../lib/driver-table';
import { clockTime, fmt } from '../kpi/format';
import styles from './drivers.module.css';

const hhmm = (ts: number) => clockTime(ts).slice(0, 5);

/** The current order and its ETA, e.g. "o-12 · drop-off 08:42 (in 6 min)". */
export function currentOrderText(detail: DriverDetail, nowTs: number): string {
  if (!detail.orderId) return 'none';
  const o = detail.orders.find((x) => x.id === detail.orderId);
  if (!o?.eta) return detail.orderId;
  const inMin = Math.round((o.eta.ts - nowTs) / 60_000);
  const when = inMin > 0 ? `in ${inMin} min` : inMin === 0 ? 'now' : `${-inMin} min overdue`;
  return `${detail.orderId} · ${o.eta.stop === 'pickup' ? 'pickup' : 'drop-off'} ${hhmm(o.eta.ts)} (${when})`;
}

/** Speed, current order with its ETA, and the age of the newest fix, in one line. */
export function DriverFacts({ detail, nowTs }: { detail: DriverDetail; nowTs: number }) {
  return (
    <div className={styles.facts} data-testid="driver-facts">
      <span>
        speed <b>{detail.speedKph === null ? '—' : `${fmt(detail.speedKph)} km/h`}</b>
      </span>
      <span>
        current order <b data-testid="current-order">{currentOrderText(detail, nowTs)}</b>
      </span>
      <span>
        last fix <b>{detail.ts === null ? 'none' : `${clockTime(detail.ts)} (${agoText(fixAgeMs(detail, nowTs))})`}</b>
      </span>
    </div>
  );
}
