'use client';

import { useEffect, useState } from 'react';

export type Connection = 'connecting' | 'live' | 'down';

/** Polls a JSON endpoint; keeps the last good value while the server is unreachable. */
export function usePolledJson<T>(url: string, everyMs: number): { data: T | null; connection: Connection; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(url, { cache: 'no-store' });
        if (!res.ok) throw new Error(`${url} answered ${res.status}`);
        const body = (await res.json()) as T;
        if (stopped) return;
        setData(body);
        setConnection('live');
        setError(null);
      } catch (err) {
        if (stopped) return;
        setConnection('down');
        setError((err as Error).message);
      }
      if (!stopped) timer = setTimeout(poll, everyMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [url, everyMs]);
  return { data, connection, error };
}
