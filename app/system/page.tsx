import type { Metadata } from 'next';
import { FeedProvider } from '../../components/feed/feed-provider';
import { SystemView } from '../../components/system/system-view';

export const metadata: Metadata = { title: 'System — FleetPulse' };

/** Ingest, serving and dead letters of this server; rates from the live feed. */
export default function SystemPage() {
  return (
    <FeedProvider source={{ kind: 'live' }}>
      <SystemView />
    </FeedProvider>
  );
}
