'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { CircleMarker, MapContainer, Polyline, Tooltip, useMap } from 'react-leaflet';
import type { DriverStatus, TrailPoint } from '../../lib/api-types';
import { STATUS_COLORS } from '../../lib/driver-status';
import { BaseLayers } from '../map/base-layers';
import mapStyles from '../map/map.module.css';
import styles from './drivers.module.css';

type LatLngTuple = [number, number];

export interface DriverMiniMapProps {
  trail: TrailPoint[];
  position: { lat: number; lng: number } | null;
  status: DriverStatus;
  /** the current order's stops, with the ETA to the next one */
  pickup: { lat: number; lng: number } | null;
  dropoff: { lat: number; lng: number } | null;
  tileUrl: string;
}

/** Porto, where the built-in fleet drives: the view before any fix is known. */
const CENTER: LatLngTuple = [41.1579, -8.6291];

/**
 * One driver's trail, position and current stops on a small map, over the fleet map's base layers
 * (tiles, and the city's roads where tiles cannot load), framed to fit. Client-only (Leaflet
 * needs `window`).
 */
export default function DriverMiniMap({ trail, position, status, pickup, dropoff, tileUrl }: DriverMiniMapProps) {
  const line = useMemo<LatLngTuple[]>(() => trail.map(([, lat, lng]) => [lat, lng]), [trail]);
  const here: LatLngTuple | null = position ? [position.lat, position.lng] : line.length ? line[line.length - 1] : null;
  return (
    // The fleet map's wrapper class carries the road colours (light and dark) the base layers use.
    <div className={mapStyles.wrap} data-testid="driver-map" data-trail-points={trail.length}>
      <MapContainer center={here ?? CENTER} zoom={14} className={styles.miniMap} attributionControl>
        <BaseLayers tileUrl={tileUrl} />
        {line.length > 1 && <Polyline positions={line} pathOptions={{ color: '#1f6feb', weight: 4, opacity: 0.85 }} />}
        {line.length > 1 && <CircleMarker center={line[0]} radius={4} pathOptions={{ color: '#1f6feb', fillColor: '#ffffff', fillOpacity: 1, weight: 2 }}><Tooltip>trail start</Tooltip></CircleMarker>}
        {pickup && (
          <CircleMarker center={[pickup.lat, pickup.lng]} radius={7} pathOptions={{ color: STATUS_COLORS.to_pickup, fillColor: '#ffffff', fillOpacity: 1, weight: 3 }}>
            <Tooltip>pickup</Tooltip>
          </CircleMarker>
        )}
        {dropoff && (
          <CircleMarker center={[dropoff.lat, dropoff.lng]} radius={7} pathOptions={{ color: STATUS_COLORS.to_dropoff, fillColor: '#ffffff', fillOpacity: 1, weight: 3 }}>
            <Tooltip>drop-off</Tooltip>
          </CircleMarker>
        )}
        {here && (
          <CircleMarker center={here} radius={8} pathOptions={{ color: '#ffffff', fillColor: STATUS_COLORS[status], fillOpacity: 1, weight: 3 }}>
            <Tooltip>now</Tooltip>
          </CircleMarker>
        )}
        <KeepInView line={line} here={here} stops={[pickup, dropoff]} />
      </MapContainer>
    </div>
  );
}

/**
 * Frames the trail (and the stops) once there is one, then only pans when the driver leaves the
 * view, so a person who zoomed in is not thrown back on every fix. Follows container resizes.
 */
function KeepInView({ line, here, stops }: { line: LatLngTuple[]; here: LatLngTuple | null; stops: ({ lat: number; lng: number } | null)[] }) {
  const map = useMap();
  const framed = useRef(false);
  useEffect(() => {
    const points: LatLngTuple[] = [...line, ...stops.filter((s) => s !== null).map((s): LatLngTuple => [s.lat, s.lng])];
    if (here) points.push(here);
    if (!points.length) return;
    if (!framed.current) {
      framed.current = true;
      const bounds = L.latLngBounds(points);
      // Not animated: a map removed mid-animation (a closed dialog, a quick navigation) throws
      // `_leaflet_pos` of undefined from the pending transition (Leaflet#9575, react-leaflet#1136).
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) map.setView(bounds.getCenter(), 15, { animate: false });
      else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
    } else if (here && !map.getBounds().contains(here)) {
      map.panTo(here, { animate: false });
    }
  }, [map, line, here, stops]);
  useEffect(() => {
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(map.getContainer());
    return () => ro.disconnect();
  }, [map]);
  return null;
}
