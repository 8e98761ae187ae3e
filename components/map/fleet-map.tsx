'use client';

import 'leaflet/dist/leaflet.css';
import { MapContainer, TileLayer } from 'react-leaflet';
import { useFeed } from '../feed/feed-provider';
import { STATUS_COLORS, VehicleLayer } from './vehicle-layer';

/** Porto: where the built-in fleet drives (the generated city sits on its coordinates). */
const CENTER: [number, number] = [41.1579, -8.6291];

export interface FleetMapProps {
  tileUrl: string;
}

/** The fleet map: base tiles and every vehicle of the page's feed (live or replay). Client-only. */
export default function FleetMap({ tileUrl }: FleetMapProps) {
  const { state } = useFeed();
  return (
    <div className="map-wrap">
      <div className="map-badge">
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
        <VehicleLayer store={state.vehicles} />
      </MapContainer>
    </div>
  );
}
