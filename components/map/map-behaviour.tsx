'use client';

import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { MapFocus } from '../dashboard/selection';

/**
 * The map's reactions that are not layers: fly to where another panel asks (`focus`), clear the
 * selection on Escape, follow the container's size, and publish the view on the container
 * (`data-center="lat,lng"`, `data-zoom`) so a test can compute where a vehicle is drawn.
 */
export function MapBehaviour({ focus, hasSelection, onClear }: { focus: MapFocus | null; hasSelection: boolean; onClear: () => void }) {
  const map = useMap();

  useEffect(() => {
    const c = map.getContainer();
    const publish = () => {
      const ctr = map.getCenter();
      c.dataset.center = `${ctr.lat.toFixed(6)},${ctr.lng.toFixed(6)}`;
      c.dataset.zoom = String(map.getZoom());
    };
    publish();
    map.on('moveend zoomend', publish);
    const resized = new ResizeObserver(() => map.invalidateSize());
    resized.observe(c);
    return () => {
      map.off('moveend zoomend', publish);
      resized.disconnect();
    };
  }, [map]);

  useEffect(() => {
    if (!focus) return;
    map.flyTo([focus.lat, focus.lng], focus.zoom ?? Math.max(map.getZoom(), 15), { duration: 0.8 });
    // `seq` changes with every request, even to the same place.
  }, [map, focus]);

  useEffect(() => {
    if (!hasSelection) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasSelection, onClear]);
  return null;
}
