import { Dashboard } from '../components/dashboard/dashboard';
import { FeedProvider } from '../components/feed/feed-provider';
import { DEFAULT_TILE_URL } from '../lib/map-tiles';

// The tile URL is the server's setting (TILE_URL), read at request time.
export const dynamic = 'force-dynamic';

export default function LivePage() {
  return (
    <FeedProvider source={{ kind: 'live' }}>
      <Dashboard tileUrl={process.env.TILE_URL || DEFAULT_TILE_URL} title="Live fleet" />
    </FeedProvider>
  );
}
