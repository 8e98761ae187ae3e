/** Plain spherical geometry on WGS84 degrees. No dependencies: used by the engine and the browser. */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLng / 2);
  const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Initial bearing from point 1 to point 2, degrees clockwise from north in [0, 360). */
export function bearingDeg(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lng2 - lng1) * RAD;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  const deg = Math.atan2(y, x) / RAD;
  const norm = (deg + 360) % 360;
  return norm >= 360 ? 0 : norm;
}

/** Speed in km/h of covering `metres` in `ms` milliseconds. */
export function kph(metres: number, ms: number): number {
  return ms > 0 ? (metres / ms) * 3600 : 0;
}

/** [west, south, east, north] */
export type BBox = [number, number, number, number];

export function inBBox(box: BBox, lat: number, lng: number): boolean {
  return lng >= box[0] && lat >= box[1] && lng <= box[2] && lat <= box[3];
}
