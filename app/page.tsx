import { LiveCounts } from '../components/live-counts';
import { FleetMapLoader } from '../components/fleet-map-loader';

// The tile URL is the server's setting (TILE_URL), read at request time.
export const dynamic = 'force-dynamic';

const DEFAULT_TILE_URL = 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png';

export default function OverviewPage() {
  return (
    <>
      <h1>Fleet overview</h1>
      <FleetMapLoader tileUrl={process.env.TILE_URL || DEFAULT_TILE_URL} />
      <LiveCounts />
    </>
  );
}
