import type { StatusBand } from '../../lib/status-timeline';
import { timelineMinutes } from '../../lib/status-timeline';
import { STATUS_COLORS, STATUS_LABELS, STATUS_ORDER } from '../../lib/driver-status';
import { clockTime, fmt } from '../kpi/format';
import styles from './drivers.module.css';

const hhmm = (ts: number) => clockTime(ts).slice(0, 5);

/** The driver's status over time as coloured bands, with the minutes spent in each status. */
export function StatusTimeline({ bands }: { bands: StatusBand[] }) {
  if (!bands.length) return <p className={styles.note}>No activity to show yet.</p>;
  const from = bands[0].from;
  const to = bands[bands.length - 1].to;
  const span = Math.max(1, to - from);
  const minutes = timelineMinutes(bands);
  return (
    <div data-testid="status-timeline">
      <div className={styles.timeline} role="img" aria-label={`status from ${hhmm(from)} to ${hhmm(to)}`}>
        {bands.map((b) => (
          <span
            key={b.from}
            className={styles.band}
            data-status={b.status}
            title={`${STATUS_LABELS[b.status]} ${hhmm(b.from)}–${hhmm(b.to)} (${fmt((b.to - b.from) / 60_000)} min)`}
            style={{ left: `${((b.from - from) / span) * 100}%`, width: `${((b.to - b.from) / span) * 100}%`, background: STATUS_COLORS[b.status] }}
          />
        ))}
      </div>
      <div className={styles.axis}>
        <span>{hhmm(from)}</span>
        <span>{hhmm(from + span / 2)}</span>
        <span>{hhmm(to)}</span>
      </div>
      <div className={styles.legend}>
        {STATUS_ORDER.map((s) => (
          <span key={s}>
            <i style={{ background: STATUS_COLORS[s] }} />
            {STATUS_LABELS[s]} <b>{fmt(minutes[s])} min</b>
          </span>
        ))}
      </div>
    </div>
  );
}
