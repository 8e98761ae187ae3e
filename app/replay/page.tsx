import type { Metadata } from 'next';
import { ReplayView } from '../../components/replay/replay-view';
import { DEFAULT_TILE_URL } from '../../lib/map-tiles';

export const metadata: Metadata = { title: 'Replay — FleetPulse' };

// The tile URL is the server's setting (TILE_URL), read at request time; the day is in the URL.
export const dynamic = 'force-dynamic';

/** `/replay?day=ID`: a recorded day played back through the same dashboard as live. */
export default function ReplayPage() {
  return <ReplayView tileUrl={process.env.TILE_URL || DEFAULT_TILE_URL} />;
}
