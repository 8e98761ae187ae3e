'use client';

import type { DriverDetail } from '../../lib/api-types';
import { useFeedValue } from '../feed/feed-provider';

/**
 * The fleet's clock in event time, against which ages, open orders and timelines are measured:
 * the replay clock in replay, the engine's clock (metrics) live, else the driver's newest event.
 */
export function useFleetNow(detail: DriverDetail | null): number {
  const clockTs = useFeedValue('clock', (s) => s.clock?.ts ?? null);
  const metricsTs = useFeedValue('metrics', (s) => s.metrics?.ts ?? null);
  if (clockTs !== null) return clockTs;
  let latest = detail?.ts ?? 0;
  for (const o of detail?.orders ?? []) latest = Math.max(latest, o.assignedTs ?? 0, o.pickedUpTs ?? 0, o.deliveredTs ?? 0, o.cancelledTs ?? 0);
  return Math.max(metricsTs ?? 0, latest);
}
