'use client';

import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { DriverDetail, OrderView } from '../../lib/api-types';
import { etaLabel } from '../../lib/map-labels';
import styles from './map.module.css';
import { ensurePane } from './panes';

/** The order the driver is working on now (assigned or picked up), if any. */
export function currentOrder(d: DriverDetail): OrderView | null {
  return d.orderId ? (d.orders.find((o) => o.id === d.orderId) ?? null) : null;
}

const stopIcon = (kind: 'pickup' | 'dropoff') =>
  L.divIcon({
    className: `${styles.stop} ${kind === 'pickup' ? styles.pickup : styles.dropoff}`,
    html: `<span aria-hidden="true">${kind === 'pickup' ? 'P' : 'D'}</span>`,
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });

/**
 * What the map shows for the selected driver: its trail, its current order's pickup (P) and
 * drop-off (D), a dashed line to the next stop and the ETA there. Layers are created once per
 * selection and updated in place as the watched driver's detail is pushed. The container's
 * `data-selected`, `data-trail`, `data-stops` and `data-eta` say what is drawn.
 */
export function SelectionLayer({ detail, nowTs }: { detail: DriverDetail | null; nowTs: () => number }) {
  const map = useMap();
  const layers = useRef<{ trail: L.Polyline; next: L.Polyline; pickup: L.Marker; dropoff: L.Marker; renderer: L.SVG } | null>(null);

  useEffect(() => {
    ensurePane(map, 'trail');
    const renderer = L.svg({ pane: 'trail' });
    const opts = { renderer, pane: 'trail', interactive: false };
    layers.current = {
      renderer,
      trail: L.polyline([], { ...opts, className: styles.trail, weight: 3 }),
      next: L.polyline([], { ...opts, className: styles.nextLeg, weight: 2, dashArray: '6 6' }),
      pickup: L.marker([0, 0], { icon: stopIcon('pickup'), keyboard: false, title: 'Pickup' }),
      dropoff: L.marker([0, 0], { icon: stopIcon('dropoff'), keyboard: false, title: 'Drop-off' }),
    };
    return () => {
      const l = layers.current!;
      for (const layer of [l.trail, l.next, l.pickup, l.dropoff]) layer.remove();
      l.renderer.remove();
      layers.current = null;
      const c = map.getContainer().dataset;
      delete c.selected;
      delete c.trail;
      delete c.stops;
      delete c.eta;
    };
  }, [map]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    const c = map.getContainer().dataset;
    if (!detail) {
      for (const layer of [l.trail, l.next, l.pickup, l.dropoff]) layer.remove();
      delete c.selected;
      delete c.trail;
      delete c.stops;
      delete c.eta;
      return;
    }
    c.selected = detail.id;
    const trail = detail.trail.map(([, lat, lng]) => L.latLng(lat, lng));
    l.trail.setLatLngs(trail);
    if (trail.length > 1) l.trail.addTo(map);
    else l.trail.remove();
    c.trail = String(trail.length);

    const order = currentOrder(detail);
    const stops: string[] = [];
    for (const kind of ['pickup', 'dropoff'] as const) {
      const m = kind === 'pickup' ? l.pickup : l.dropoff;
      const at = order?.[kind];
      // The pickup is only a destination until the parcel is on board.
      const relevant = at && (kind === 'dropoff' || order.status === 'assigned');
      if (!relevant) {
        m.remove();
        continue;
      }
      m.setLatLng([at.lat, at.lng]).addTo(map);
      stops.push(kind);
      const eta = order.eta?.stop === kind ? order.eta : null;
      const label = eta ? etaLabel(eta.ts, nowTs()) : kind === 'pickup' ? 'Pickup' : 'Drop-off';
      const className = eta ? styles.etaLabel : styles.stopLabel;
      if (m.getTooltip()?.options.className === className) m.setTooltipContent(label);
      else m.unbindTooltip().bindTooltip(label, { permanent: true, direction: 'right', offset: [12, 0], className });
      if (eta) c.eta = label;
    }
    if (!order?.eta) delete c.eta;
    c.stops = stops.join(',');

    const nextStop = order?.eta ? order[order.eta.stop] : null;
    if (nextStop && detail.lat != null && detail.lng != null) {
      l.next.setLatLngs([
        [detail.lat, detail.lng],
        [nextStop.lat, nextStop.lng],
      ]);
      l.next.addTo(map);
    } else l.next.remove();
  }, [map, detail, nowTs]);
  return null;
}
