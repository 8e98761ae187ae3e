import type { DriverStatus } from '../../lib/api-types';
import { STATUS_COLORS, STATUS_LABELS } from '../../lib/driver-status';
import styles from './drivers.module.css';

/** A driver's status as a coloured chip, in the map's colours; the text is the status. */
export function StatusChip({ status }: { status: DriverStatus }) {
  return (
    <span className={styles.chip} style={{ '--chip': STATUS_COLORS[status] } as React.CSSProperties} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** On time, late or at risk, as a chip; nothing when there is no promise to keep. */
export function PunctualityChip({ value }: { value: 'on_time' | 'late' | 'at_risk' | null }) {
  if (!value) return <span className={styles.muted}>—</span>;
  const label = value === 'on_time' ? 'on time' : value === 'late' ? 'late' : 'at risk';
  return <span className={`${styles.chip} ${styles[value]}`}>{label}</span>;
}
