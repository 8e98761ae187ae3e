'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { DayInfo } from '../../lib/api-types';
import type { ReplayClock } from '../../lib/live-types';
import { Dashboard } from '../dashboard/dashboard';
import { FeedProvider } from '../feed/feed-provider';
import { DayPicker } from './day-picker';
import { ReplayBar } from './replay-bar';
import styles from './replay.module.css';
import { useDays, useDaySeries } from './use-days';

/** The day the page opens: the one in the URL, else the first ready one, else the first. */
function chooseDay(days: DayInfo[], wanted: string | null): string | null {
  if (wanted) return wanted;
  return (days.find((d) => d.ready) ?? days[0])?.id ?? null;
}

const dayUrl = (id: string) => `/replay?day=${encodeURIComponent(id)}`;

/**
 * The replay page: pick a recorded day (kept in the URL, so a reload or a shared link opens it),
 * wait while a day is prepared on first use, then the same Dashboard as live over a replay feed,
 * with the replay bar as its controls.
 */
export function ReplayView({ tileUrl }: { tileUrl: string }) {
  const params = useSearchParams();
  const wanted = params.get('day');
  const [pollFor, setPollFor] = useState<string | null>(wanted);
  const { days, error: listError } = useDays(pollFor);
  const dayId = days ? chooseDay(days, wanted) : wanted;
  const day = days?.find((d) => d.id === dayId) ?? null;
  const { series, error: seriesError } = useDaySeries(day ? day.id : null, day?.ready ?? false);
  // A new attempt opens a new socket (after a refused connection, e.g. all sessions busy).
  const [attempt, setAttempt] = useState(0);
  const [resume, setResume] = useState<{ day: string; at: ReplayClock } | null>(null);
  const retry = useCallback((day: string, at: ReplayClock | null) => {
    setResume(at ? { day, at } : null);
    setAttempt((a) => a + 1);
  }, []);

  useEffect(() => setPollFor(dayId), [dayId]);
  // The day opened by default is written into the URL, so that the address names what is shown.
  useEffect(() => {
    if (!wanted && dayId) window.history.replaceState(null, '', dayUrl(dayId));
  }, [wanted, dayId]);

  const choose = useCallback((id: string) => window.history.pushState(null, '', dayUrl(id)), []);
  const picker = days?.length ? <DayPicker days={days} value={dayId} onChange={choose} /> : null;

  if (!days) {
    return listError ? (
      <div className="error-box" role="alert">
        <h1>Replay</h1>
        <p>The recorded days could not be read: {listError}. Retrying…</p>
      </div>
    ) : (
      <p className="hint">Loading the recorded days…</p>
    );
  }
  if (!days.length) {
    return (
      <section className={styles.notice}>
        <h1>Replay</h1>
        <p>No recorded days yet. Add one with <code>npm run days -- add FILE.ndjson</code>, or start the server with the built-in simulator.</p>
      </section>
    );
  }
  if (!day) {
    return (
      <section className={styles.notice} role="alert" data-testid="replay-missing">
        <h1>Replay</h1>
        <p>There is no recorded day “{wanted}”. Pick one of these:</p>
        {picker}
      </section>
    );
  }
  if (!day.ready) {
    return (
      <section className={styles.notice} aria-busy="true" data-testid="replay-preparing">
        <h1>Replay</h1>
        {picker}
        <p className={styles.preparing}>
          <span className={styles.spinner} aria-hidden="true" />
          Preparing “{day.label}” for replay. A simulated day is generated on its first use
          {day.drivers ? ` (${day.drivers.toLocaleString('en-US')} drivers over a whole day)` : ''}; this takes about a minute,
          once, and the replay opens here by itself when it is ready.
        </p>
        {seriesError && (
          <p className={styles.failed} role="alert">
            Preparing the day failed ({seriesError}). The server log says why; reload the page to try again.
          </p>
        )}
      </section>
    );
  }
  return (
    <FeedProvider key={`${day.id}#${attempt}`} source={{ kind: 'replay', day: day.id }}>
      <Dashboard
        tileUrl={tileUrl}
        title="Replay"
        controls={<ReplayBar day={day} series={series} seriesError={seriesError} picker={picker} onRetry={(at) => retry(day.id, at)} resume={resume?.day === day.id ? resume.at : null} />}
      />
    </FeedProvider>
  );
}
