import { describe, expect, it } from 'vitest';
import { bboxOf, containerPoint, headingArrow, padBBox, worldX, worldY } from '../../lib/map-geometry';

describe('map geometry', () => {
  it('projects like Leaflet: the world is 256 px at zoom 0, the equator and meridian in the middle', () => {
    expect(worldX(-180, 0)).toBe(0);
    expect(worldX(180, 0)).toBe(256);
    expect(worldX(0, 1)).toBe(256);
    expect(worldY(0, 0)).toBeCloseTo(128, 9);
    expect(worldY(85.0511287798, 0)).toBeCloseTo(0, 6);
    // Leaflet's own form (L.Projection.SphericalMercator with L.CRS.EPSG3857's transformation).
    const R = 6378137;
    const scale = 0.5 / (Math.PI * R);
    const leaflet = (lat: number, lng: number, z: number) => {
      const sin = Math.sin((lat * Math.PI) / 180);
      const x = (R * lng * Math.PI) / 180;
      const y = (R * Math.log((1 + sin) / (1 - sin))) / 2;
      return { x: (scale * x + 0.5) * 256 * 2 ** z, y: (-scale * y + 0.5) * 256 * 2 ** z };
    };
    for (const [lat, lng, z] of [[41.1579, -8.6291, 13], [-33.9, 151.2, 9.5], [60, 10, 3]]) {
      const l = leaflet(lat, lng, z);
      expect(worldX(lng, z)).toBeCloseTo(l.x, 6);
      expect(worldY(lat, z)).toBeCloseTo(l.y, 6);
    }
  });

  it('puts the centre of the view in the middle of the container, and north up', () => {
    const c = { lat: 41.1579, lng: -8.6291 };
    const size = { width: 800, height: 600 };
    expect(containerPoint(c.lat, c.lng, c, 13, size)).toEqual({ x: 400, y: 300 });
    const ne = containerPoint(c.lat + 0.01, c.lng + 0.01, c, 13, size);
    expect(ne.x).toBeGreaterThan(400);
    expect(ne.y).toBeLessThan(300);
    // One zoom level doubles distances on screen.
    const z14 = containerPoint(c.lat + 0.01, c.lng + 0.01, c, 14, size);
    expect(z14.x - 400).toBeCloseTo(2 * (ne.x - 400), 6);
  });

  it('points the heading arrow along the heading: north is up, east is right', () => {
    const [tx, ty, ax, , bx] = headingArrow(100, 100, 0, 5, 5);
    expect(tx).toBeCloseTo(100, 9);
    expect(ty).toBeCloseTo(90, 9);
    expect(ax).toBeLessThan(100);
    expect(bx).toBeGreaterThan(100);
    const [ex, ey] = headingArrow(100, 100, 90, 5, 5);
    expect(ex).toBeCloseTo(110, 9);
    expect(ey).toBeCloseTo(100, 9);
  });

  it('pads and bounds boxes', () => {
    expect(padBBox([0, 0, 10, 20], 0.1)).toEqual([-1, -2, 11, 22]);
    expect(bboxOf([[41, -8], [42, -9], [41.5, -8.5]])).toEqual([-9, 41, -8, 42]);
    expect(bboxOf([])).toBeNull();
  });
});
