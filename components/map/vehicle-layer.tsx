'use client';

import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { STATUS_COLORS } from '../../lib/driver-status';
import { fixAge, positionAt, type VehicleStore } from '../../lib/vehicle-store';

// One palette for the map, the drivers table and the panels (lib/driver-status.ts).
export { STATUS_COLORS };

const HALO: Record<'fresh' | 'ageing' | 'stale', string> = { fresh: 'transparent', ageing: '#d4a72c', stale: '#cf222e' };

/**
 * Every vehicle as a circle on one canvas renderer, moved imperatively each animation frame from
 * the store (gliding to its newest fix). React renders this component once; markers are created
 * and removed only when vehicles appear and disappear.
 */
export function VehicleLayer({ store }: { store: VehicleStore }) {
  const map = useMap();
  useEffect(() => {
    const renderer = L.canvas({ padding: 0.2 });
    const markers = new Map<string, L.CircleMarker>();
    const container = map.getContainer();
    let raf = 0;
    const draw = () => {
      const now = performance.now();
      const { added, removed } = store.takeMembershipChanges();
      for (const id of removed) {
        markers.get(id)?.remove();
        markers.delete(id);
      }
      for (const id of added) {
        const v = store.vehicles.get(id);
        if (!v || markers.has(id)) continue;
        const m = L.circleMarker([v.lat, v.lng], { renderer, radius: 5, weight: 2, fillOpacity: 0.9 });
        m.bindTooltip(() => {
          const cur = store.vehicles.get(id);
          return cur ? `${id} · ${cur.status.replace('_', ' ')}${cur.speedKph != null ? ` · ${Math.round(cur.speedKph)} km/h` : ''}` : id;
        });
        m.addTo(map);
        markers.set(id, m);
      }
      for (const [id, m] of markers) {
        const v = store.vehicles.get(id);
        if (!v) continue;
        const p = positionAt(v, now);
        m.setLatLng([p.lat, p.lng]);
        const fill = STATUS_COLORS[v.status];
        const halo = HALO[fixAge(v, store.frameTs)];
        const o = m.options;
        if (o.fillColor !== fill || o.color !== (halo === 'transparent' ? fill : halo)) m.setStyle({ fillColor: fill, color: halo === 'transparent' ? fill : halo });
      }
      container.dataset.vehicles = String(markers.size);
      raf = requestAnimationFrame(draw);
    };
    raf = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(raf);
      for (const m of markers.values()) m.remove();
      renderer.remove();
    };
  }, [map, store]);
  return null;
}
