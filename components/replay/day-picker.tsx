'use client';

import { useId } from 'react';
import type { DayInfo } from '../../lib/api-types';
import { shortDate } from '../../lib/scrubber';

const dayMonthYear = (ts: number) => shortDate(ts).slice(4);
import styles from './replay.module.css';

const n = (x: number) => x.toLocaleString('en-US');

/** What is known of a day: its size once prepared, or that it is prepared on first use. */
export function dayFacts(d: DayInfo): string {
  const kind = d.kind === 'simulated' ? 'simulated' : 'imported';
  if (!d.ready) return `${kind} · ${n(d.drivers)} drivers · prepared on first use`;
  return `${kind} · ${n(d.drivers)} drivers · ${n(d.orders)} orders · ${n(d.events)} events`;
}

/** The recorded days as a select, with the chosen day's size beneath. */
export function DayPicker({ days, value, onChange }: { days: DayInfo[]; value: string | null; onChange: (id: string) => void }) {
  const id = useId();
  const chosen = days.find((d) => d.id === value);
  return (
    <div className={styles.picker}>
      <label htmlFor={id} className={styles.pickerLabel}>
        Day
      </label>
      <select id={id} className={styles.select} value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid="replay-day">
        {!chosen && <option value="">Choose a day…</option>}
        {days.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label} · {dayMonthYear(d.startTs)}
            {d.ready ? '' : ' (not prepared yet)'}
          </option>
        ))}
      </select>
      {chosen && <span className={styles.facts}>{dayFacts(chosen)}</span>}
    </div>
  );
}
