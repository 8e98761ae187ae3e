import type L from 'leaflet';

/**
 * The map's stacking order, bottom to top. Roads sit UNDER the tiles: where tiles load they
 * cover them, where they cannot (offline, blocked) the city's roads show instead of grey.
 */
export const PANES = {
  roads: 150, // below Leaflet's tilePane (200)
  hexes: 300,
  trail: 420, // above Leaflet's overlayPane (400)
  vehicles: 450, // below markerPane (600): stop markers and labels stay readable on top
} as const;

export type PaneName = keyof typeof PANES;

/** The named pane, created on first use with its z-index. */
export function ensurePane(map: L.Map, name: PaneName): HTMLElement {
  const pane = map.getPane(name) ?? map.createPane(name);
  pane.style.zIndex = String(PANES[name]);
  return pane;
}
