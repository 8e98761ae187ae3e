import type { OrderView } from '../../lib/api-types';
import { orderEtaRow } from '../../lib/order-eta';
import { clockTime, fmt } from '../kpi/format';
import { PunctualityChip } from './status-chip';
import styles from './drivers.module.css';

const hhmm = (ts: number | null) => (ts === null ? '—' : clockTime(ts).slice(0, 5));
const STATUS: Record<OrderView['status'], string> = { created: 'created', assigned: 'to pickup', picked_up: 'to drop-off', delivered: 'delivered', cancelled: 'cancelled' };

const signedMin = (m: number | null) => (m === null ? '—' : `${m > 0 ? '+' : m < 0 ? '−' : ''}${fmt(Math.abs(m), 1)} min`);

/** The driver's recent orders, newest first: the ETA predicted at pickup against the delivery. */
export function DriverOrders({ orders, nowTs }: { orders: OrderView[]; nowTs: number }) {
  if (!orders.length) return <p className={styles.note}>No orders yet.</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={`${styles.table} ${styles.ordersTable}`} data-testid="driver-orders">
        <thead>
          <tr>
            <th>Order</th>
            <th>Status</th>
            <th className={styles.num}>Assigned</th>
            <th className={styles.num}>Promised</th>
            <th className={styles.num} title="drop-off time predicted when the order was picked up">ETA at pickup</th>
            <th className={styles.num} title="the prediction now, while the order is open">ETA now</th>
            <th className={styles.num}>Delivered</th>
            <th className={styles.num} title="delivered minus predicted at pickup">Error</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => {
            const r = orderEtaRow(o, nowTs);
            return (
              <tr key={o.id} data-order={o.id}>
                <td className={styles.orderId}>{o.id}</td>
                <td data-label="Status">{STATUS[o.status]}</td>
                <td className={styles.num} data-label="Assigned">{hhmm(o.assignedTs)}</td>
                <td className={styles.num} data-label="Promised">{hhmm(o.promisedTs)}</td>
                <td className={styles.num} data-label="ETA at pickup">{hhmm(r.predictedTs)}</td>
                <td className={styles.num} data-label="ETA now">{r.currentEta ? `${hhmm(r.currentEta.ts)}${r.currentEta.stop === 'pickup' ? ' (pickup)' : ''}` : '—'}</td>
                <td className={styles.num} data-label="Delivered">{o.status === 'cancelled' ? `cancelled ${hhmm(o.cancelledTs)}` : hhmm(r.actualTs)}</td>
                <td className={styles.num} data-testid="eta-error" data-label="Error">{signedMin(r.errorMin)}</td>
                <td className={styles.result}>
                  <PunctualityChip value={r.punctuality} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
