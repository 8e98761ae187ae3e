'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once every `ms` (the newest one wins): the series topic may
 * notify in bursts (a reconnect's full frame right after a delta), the charts redraw once.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    const wait = lastAt.current + ms - Date.now();
    const timer = setTimeout(
      () => {
        lastAt.current = Date.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
