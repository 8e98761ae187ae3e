'use client';

import type { Connection } from '../../lib/feed-state';
import { useFeed, useFeedValue } from '../feed/feed-provider';

const LABEL: Record<Connection, string> = {
  connecting: 'connecting',
  live: 'live',
  stale: 'stale',
  reconnecting: 'reconnecting',
};

const TONE: Record<Connection, string> = { connecting: 'stale', live: 'live', stale: 'stale', reconnecting: 'down' };

/**
 * Live, stale or reconnecting, always in view; the text is the state (tests read it). A replay
 * is not live data: its connected state reads "connected".
 */
export function ConnectionBadge() {
  const { source, error } = useFeed();
  const connection = useFeedValue('connection', (s) => s.connection);
  const what = source.kind === 'live' ? 'live feed' : 'replay';
  const label = source.kind === 'replay' && connection === 'live' ? 'connected' : LABEL[connection];
  return (
    <span
      className={`badge ${TONE[connection]}`}
      data-testid="connection"
      role="status"
      title={error ?? `${what}: ${label}`}
    >
      {label}
    </span>
  );
}
