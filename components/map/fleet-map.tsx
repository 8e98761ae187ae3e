'use client';

import 'leaflet/dist/leaflet.css';
import { MapContainer, TileLayer } from 'react-leaflet';
import { STATUS_COLORS, VehicleLayer } from './vehicle-layer';
import { useLiveFeed } from './use-live-feed';

/** Porto: where the built-in fleet drives (the generated city sits on its coordinates). */
const CENTER: [number, number] = [41.1579, -8.6291];

/** The live map: the base tiles and every vehicle, fed by the live socket. Client-only. */
export default function FleetMap({ tileUrl }: { tileUrl: string }) {
  const { store, connection } = useLiveFeed();
  return (
    <div className="map-wrap">
      <div className="map-badge">
        <span className={`badge ${connection === 'live' ? 'live' : 'stale'}`} data-testid="map-connection">
          {connection}
        </span>
        <span className="legend">
          {Object.entries(STATUS_COLORS)
            .filter(([s]) => s !== 'offline')
            .map(([s, c]) => (
              <span key={s}>
                <i style={{ background: c }} /> {s.replace('_', ' ')}
              </span>
            ))}
        </span>
      </div>
      <MapContainer center={CENTER} zoom={13} preferCanvas className="fleet-map">
        <TileLayer url={tileUrl} attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors' />
        <VehicleLayer store={store} />
      </MapContainer>
    </div>
  );
}
