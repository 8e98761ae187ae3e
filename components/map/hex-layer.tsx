'use client';

import { latLngToCell } from 'h3-js';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { Zone, ZonesBody } from '../../lib/api-types';
import { cellPolygon } from '../../lib/hex-zones';
import { hexScale, zoneLabel, zoneValue, type HexMetric } from '../../lib/hex-scale';
import styles from './map.module.css';
import { ensurePane } from './panes';

/**
 * The supply/demand layer: one SVG hexagon per H3 zone, filled by the chosen metric. Hexagons are
 * kept by cell and only restyled when a zones frame (about once a second) or the metric changes;
 * new cells are added and vanished ones removed. `data-hexes` on the container counts them.
 * Hovering a zone (away from any vehicle, whose own tooltip wins) tells its figures.
 */
export function HexLayer({ zones, metric }: { zones: ZonesBody | null; metric: HexMetric }) {
  const map = useMap();
  const layer = useRef<{ group: L.LayerGroup; renderer: L.SVG; byCell: Map<string, L.Polygon>; zones: Map<string, Zone>; resolution: number } | null>(null);

  useEffect(() => {
    ensurePane(map, 'hexes');
    const renderer = L.svg({ pane: 'hexes' });
    const group = L.layerGroup().addTo(map);
    const l = (layer.current = { group, renderer, byCell: new Map<string, L.Polygon>(), zones: new Map<string, Zone>(), resolution: -1 });
    const container = map.getContainer();
    const tip = document.createElement('div');
    tip.className = styles.tooltip;
    tip.hidden = true;
    tip.dataset.testid = 'zone-tooltip';
    container.appendChild(tip);
    const hide = () => void (tip.hidden = true);
    const onMove = (e: L.LeafletMouseEvent) => {
      // A vehicle's tooltip (role=tooltip, shown) has the say over the zone under it.
      const overVehicle = container.querySelector('[role="tooltip"]:not([hidden])');
      const z = !overVehicle && l.resolution >= 0 ? l.zones.get(latLngToCell(e.latlng.lat, e.latlng.lng, l.resolution)) : undefined;
      if (!z) return hide();
      const text = zoneLabel(z);
      if (tip.textContent !== text) tip.textContent = text;
      tip.style.transform = `translate(${Math.round(e.containerPoint.x + 14)}px, ${Math.round(e.containerPoint.y - 28)}px)`;
      tip.hidden = false;
    };
    map.on('mousemove', onMove);
    map.on('mouseout', hide);
    return () => {
      map.off('mousemove', onMove);
      map.off('mouseout', hide);
      tip.remove();
      group.remove();
      renderer.remove();
      delete map.getContainer().dataset.hexes;
      layer.current = null;
    };
  }, [map]);

  useEffect(() => {
    const l = layer.current;
    if (!l) return;
    const list = zones?.zones ?? [];
    l.resolution = zones?.resolution ?? -1;
    l.zones = new Map(list.map((z) => [z.cell, z]));
    const scale = hexScale(list, metric);
    const seen = new Set<string>();
    for (const z of list) {
      const ring = cellPolygon(z.cell);
      if (!ring) continue;
      seen.add(z.cell);
            const fillColor = scale.color(zoneValue(z, metric));
      let poly = l.byCell.get(z.cell);
      if (!poly) {
        // Not interactive: the vehicles above them own hover and click.
        poly = L.polygon(ring, { renderer: l.renderer, pane: 'hexes', className: styles.hex, weight: 1, fillOpacity: 0.55, fillColor, interactive: false });
        poly.addTo(l.group);
        l.byCell.set(z.cell, poly);
      } else if (poly.options.fillColor !== fillColor) {
        poly.setStyle({ fillColor });
      }
    }
    for (const [cell, poly] of l.byCell) {
      if (seen.has(cell)) continue;
      poly.remove();
      l.byCell.delete(cell);
    }
    map.getContainer().dataset.hexes = String(l.byCell.size);
  }, [map, zones, metric]);
  return null;
}
