'use client';

import type { DeadLettersBody } from '../../lib/api-types';
import { eventSummary } from '../../lib/system-format';
import { clockTime, fmt } from '../kpi/format';
import styles from './system.module.css';

/** The newest dead letters (accepted events that could never apply), each with its reason and JSON. */
export function DeadLetters({ body }: { body: DeadLettersBody | null }) {
  const items = body?.items ?? [];
  return (
    <section className={styles.card} aria-labelledby="sys-dead" data-testid="dead-letters">
      <h2 id="sys-dead">
        Dead letters{' '}
        <span className={styles.count}>{body ? (body.total > items.length ? `newest ${items.length} of ${fmt(body.total)}` : fmt(body.total)) : ''}</span>
      </h2>
      {!body ? (
        <p className={styles.note}>Loading…</p>
      ) : !items.length ? (
        <p className={styles.note}>None: every accepted event could be applied.</p>
      ) : (
        <ol className={styles.deadList}>
          {items.map((d, i) => (
            <li key={`${d.ts}-${i}-${d.reason}`} className={styles.dead} data-testid="dead-letter">
              <details>
                <summary>
                  <span className={styles.deadTime} title="event time (UTC)">{clockTime(d.ts)}</span>
                  <span className={styles.deadEvent}>{eventSummary(d.event)}</span>
                  <span className={styles.deadReason}>{d.reason}</span>
                </summary>
                <pre className={styles.json}>{JSON.stringify(d.event, null, 2)}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
