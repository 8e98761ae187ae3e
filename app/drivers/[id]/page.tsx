import type { Metadata } from 'next';
import { DriverDrilldown } from '../../../components/drivers/driver-drilldown';
import { FeedProvider } from '../../../components/feed/feed-provider';
import { DEFAULT_TILE_URL } from '../../../lib/map-tiles';

// The tile URL is the server's setting (TILE_URL), read at request time.
export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

const decode = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Driver ${decode((await params).id)} — FleetPulse` };
}

/** One driver, live: pushed over the socket on every change, so a deep link works on reload. */
export default async function DriverPage({ params }: { params: Params }) {
  const id = decode((await params).id);
  return (
    <FeedProvider source={{ kind: 'live' }}>
      <DriverDrilldown id={id} tileUrl={process.env.TILE_URL || DEFAULT_TILE_URL} />
    </FeedProvider>
  );
}
