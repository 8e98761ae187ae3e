'use client';

import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import styles from './map.module.css';
import { ensurePane } from './panes';

const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
const ROADS_ATTRIBUTION: Record<string, string> = {
  generated: 'Offline base map: the simulated city’s roads',
  // The tiles' attribution, always shown, credits OpenStreetMap's contributors already.
  osm: 'Offline base map: OpenStreetMap roads',
};

/** What the base map shows: tiles once one has loaded, the roads when tiles fail. */
export type Basemap = 'loading' | 'tiles' | 'roads';

const CLASS_STYLE: Record<string, string> = {
  motorway: styles.roadMajor,
  trunk: styles.roadMajor,
  primary: styles.roadPrimary,
  secondary: styles.roadSecondary,
};

/**
 * The base map: OpenStreetMap tiles (URL from TILE_URL) over the road network from GET /api/roads
 * (the live city, or with `day` that recorded day's roads: its generated city, or the real roads
 * an imported day was driven on), drawn as thin SVG lines in a pane UNDER the tiles. Tiles that load cover the
 * roads; where they cannot load (offline, blocked, a dead tile server) the roads show through, so
 * the map is never a blank grey page. `tileerror` before any `tileload` switches the label and
 * attribution to the fallback; the container's `data-basemap` and `data-roads` say what is drawn.
 */
export function BaseLayers({ tileUrl, day }: { tileUrl: string; day?: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    let basemap: Basemap = 'loading';
    // What the fallback's attribution says: whose roads they are (known once they have come).
    let attribution = ROADS_ATTRIBUTION.generated;
    const set = (b: Basemap) => {
      if (basemap === b) return;
      if (b === 'roads') map.attributionControl.addAttribution(attribution);
      if (basemap === 'roads') map.attributionControl.removeAttribution(attribution);
      basemap = b;
      container.dataset.basemap = b;
    };
    container.dataset.basemap = basemap;
    let loaded = 0;
    const tiles = L.tileLayer(tileUrl, { attribution: OSM_ATTRIBUTION, maxZoom: 19 });
    tiles.on('tileload', () => {
      loaded++;
      set('tiles');
    });
    tiles.on('tileerror', () => {
      if (!loaded) set('roads');
    });
    tiles.addTo(map);
    // Tiles that neither load nor fail (a black-holed host) count as failed after a while.
    const slow = setTimeout(() => {
      if (!loaded) set('roads');
    }, 6000);

    ensurePane(map, 'roads');
    const renderer = L.svg({ pane: 'roads', padding: 0.5 });
    let roads: L.GeoJSON | null = null;
    const abort = new AbortController();
    const url = day === undefined ? '/api/roads' : `/api/roads?day=${encodeURIComponent(day)}`;
    fetch(url, { signal: abort.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`GET ${url}: ${r.status}`))))
      .then((geo: GeoJSON.FeatureCollection & { city?: string }) => {
        const said = ROADS_ATTRIBUTION[geo.city ?? 'generated'] ?? ROADS_ATTRIBUTION.generated;
        if (said !== attribution && basemap === 'roads') {
          map.attributionControl.removeAttribution(attribution);
          map.attributionControl.addAttribution(said);
        }
        attribution = said;
        const options: L.GeoJSONOptions & L.PathOptions = {
          pane: 'roads',
          renderer,
          interactive: false,
          style: (f) => ({ weight: 1, className: `${styles.road} ${CLASS_STYLE[String(f?.properties?.class)] ?? ''}` }),
        };
        roads = L.geoJSON(geo, options).addTo(map);
        container.dataset.roads = String(geo.features.length);
        container.dataset.roadsOrigin = geo.city ?? 'generated';
      })
      .catch((err: Error) => {
        // No roads is a poorer map, not a broken page: say so on the element, not in the console.
        if (err.name !== 'AbortError') container.dataset.roads = 'error';
      });
    return () => {
      abort.abort();
      clearTimeout(slow);
      tiles.remove();
      roads?.remove();
      renderer.remove();
      if (basemap === 'roads') map.attributionControl.removeAttribution(attribution);
    };
  }, [map, tileUrl, day]);
  return null;
}
