'use client';

import { useEffect, useState } from 'react';
import type { DayInfo, SeriesBody } from '../../lib/api-types';

const POLL_MS = 2000;

/**
 * GET /api/days, read once, then again every 2 s while `pollFor` (a day being prepared) is not
 * ready. Keeps the last good list while a poll fails.
 */
export function useDays(pollFor: string | null): { days: DayInfo[] | null; error: string | null } {
  const [days, setDays] = useState<DayInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const waiting = days === null || (pollFor !== null && days.some((d) => d.id === pollFor && !d.ready));
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const res = await fetch('/api/days', { cache: 'no-store' });
        if (!res.ok) throw new Error(`the list of days answered ${res.status}`);
        const body = (await res.json()) as DayInfo[];
        if (stopped) return;
        setDays(body);
        setError(null);
      } catch (err) {
        if (stopped) return;
        setError((err as Error).message);
      }
      if (!stopped) timer = setTimeout(load, POLL_MS);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting]);
  return { days, error };
}

/**
 * The whole day's per-minute series (the scrubber's demand curve). Asking for it also starts
 * preparing a day that is not ready yet, so the request may take as long as that.
 */
export function useDaySeries(day: string | null, ready: boolean): { series: SeriesBody | null; error: string | null } {
  const [got, setGot] = useState<{ day: string; series: SeriesBody | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!day) return;
    const abort = new AbortController();
    fetch(`/api/days/${encodeURIComponent(day)}/series`, { cache: 'no-store', signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`the day's series answered ${res.status}`);
        setGot({ day, series: (await res.json()) as SeriesBody, error: null });
      })
      .catch((err: Error) => {
        if (!abort.signal.aborted) setGot({ day, series: null, error: err.message });
      });
    return () => abort.abort();
    // `ready` asks again once a day that failed while preparing is ready.
  }, [day, ready]);
  return got && got.day === day ? { series: got.series, error: got.error } : { series: null, error: null };
}
