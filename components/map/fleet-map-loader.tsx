'use client';

import dynamic from 'next/dynamic';
import type { FleetMapProps } from './fleet-map';

// Leaflet touches `window` at import: the map is rendered in the browser only.
const FleetMap = dynamic(() => import('./fleet-map'), {
  ssr: false,
  loading: () => <div className="fleet-map map-loading">Loading the map…</div>,
});

export function FleetMapLoader(props: FleetMapProps) {
  return <FleetMap {...props} />;
}
