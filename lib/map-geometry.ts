/**
 * Screen geometry of the fleet map, without Leaflet: the Web Mercator projection Leaflet uses
 * (EPSG:3857, 256-pixel tiles), so the vehicle canvas can project thousands of points a frame
 * without allocating, and tests can compute where a vehicle is drawn from the map's centre and
 * zoom; the heading arrow's corners; and boxes for viewport maths.
 */
import type { BBox } from './geo';

const MAX_LAT = 85.0511287798;
const RAD = Math.PI / 180;

/** World pixel x of a longitude at `zoom` (Leaflet's `map.project(...).x`). */
export function worldX(lng: number, zoom: number): number {
  return ((lng + 180) / 360) * 256 * 2 ** zoom;
}

/** World pixel y of a latitude at `zoom` (Leaflet's `map.project(...).y`; clamped like Leaflet). */
export function worldY(lat: number, zoom: number): number {
  const l = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * RAD;
  const y = Math.log(Math.tan(Math.PI / 4 + l / 2));
  return (0.5 - y / (2 * Math.PI)) * 256 * 2 ** zoom;
}

/**
 * Where (lat, lng) is drawn in a map container of `size` pixels centred on `center` at `zoom`
 * (Leaflet's `latLngToContainerPoint` once the view is set).
 */
export function containerPoint(lat: number, lng: number, center: { lat: number; lng: number }, zoom: number, size: { width: number; height: number }): { x: number; y: number } {
  return {
    x: worldX(lng, zoom) - worldX(center.lng, zoom) + size.width / 2,
    y: worldY(lat, zoom) - worldY(center.lat, zoom) + size.height / 2,
  };
}

/**
 * The three corners of a heading arrow around a marker of radius `r` at (x, y): a tip `len`
 * pixels beyond the circle in the direction of travel (degrees clockwise from north, screen y
 * pointing down) and two base points on the circle, `spreadDeg` either side.
 */
export function headingArrow(x: number, y: number, headingDeg: number, r: number, len: number, spreadDeg = 40): [number, number, number, number, number, number] {
  const h = headingDeg * RAD;
  const s = spreadDeg * RAD;
  const tip = r + len;
  return [
    x + Math.sin(h) * tip,
    y - Math.cos(h) * tip,
    x + Math.sin(h - s) * r,
    y - Math.cos(h - s) * r,
    x + Math.sin(h + s) * r,
    y - Math.cos(h + s) * r,
  ];
}

/** A box grown by `share` of its size on every side (what is just off screen is sent too). */
export function padBBox(box: BBox, share: number): BBox {
  const dx = (box[2] - box[0]) * share;
  const dy = (box[3] - box[1]) * share;
  return [box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy];
}

/** The smallest box around points given as [lat, lng] pairs, or null for none. */
export function bboxOf(points: Iterable<readonly [number, number]>): BBox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [lat, lng] of points) {
    if (lng < w) w = lng;
    if (lng > e) e = lng;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
  }
  return w === Infinity ? null : [w, s, e, n];
}
