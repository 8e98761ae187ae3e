/**
 * H3 zones as map polygons. A cell's boundary never changes, so each is computed once and kept
 * (the zones frame arrives every second with mostly the same cells).
 */
import { cellToBoundary, isValidCell } from 'h3-js';

const cache = new Map<string, [number, number][]>();
const MAX_CACHED = 20_000;

/** The hexagon of an H3 cell as [lat, lng] corners, or null for an invalid index. */
export function cellPolygon(cell: string): [number, number][] | null {
  const hit = cache.get(cell);
  if (hit) return hit;
  if (!isValidCell(cell)) return null;
  const ring = cellToBoundary(cell) as [number, number][];
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(cell, ring);
  return ring;
}
