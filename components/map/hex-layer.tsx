'use client';

import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { ZonesBody } from '../../lib/api-types';
import { cellPolygon } from '../../lib/hex-zones';
import { hexScale, zoneValue, type HexMetric } from '../../lib/hex-scale';
import styles from './map.module.css';
import { ensurePane } from './panes';

/**
 * The supply/demand layer: one SVG hexagon per H3 zone, filled by the chosen metric. Hexagons are
 * kept by cell and only restyled when a zones frame (about once a second) or the metric changes;
 * new cells are added and vanished ones removed. `data-hexes` on the container counts them.
 */
export function HexLayer({ zones, metric }: { zones: ZonesBody | null; metric: HexMetric }) {
  const map = useMap();
  const layer = useRef<{ group: L.LayerGroup; renderer: L.SVG; byCell: Map<string, L.Polygon> } | null>(null);

  useEffect(() => {
    ensurePane(map, 'hexes');
    const renderer = L.svg({ pane: 'hexes' });
    const group = L.layerGroup().addTo(map);
    layer.current = { group, renderer, byCell: new Map() };
    return () => {
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
