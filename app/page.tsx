import { LiveCounts } from '../components/live-counts';
import { FleetMapLoader } from '../components/fleet-map-loader';
import { DEFAULT_TILE_URL } from '../lib/map-tiles';

// The tile URL is the server's setting (TILE_URL), read at request time.
export const dynamic = 'force-dynamic';

export default function OverviewPage() {
  return (
    <>
      <h1>Fleet overview</h1>
      <FleetMapLoader tileUrl={process.env.TILE_URL || DEFAULT_TILE_URL} />
      <LiveCounts />
    </>
  );
}
