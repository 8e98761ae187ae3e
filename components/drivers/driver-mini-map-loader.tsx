'use client';

import dynamic from 'next/dynamic';
import type { DriverMiniMapProps } from './driver-mini-map';
import styles from './drivers.module.css';

// Leaflet touches `window` at import: the map is rendered in the browser only.
const DriverMiniMap = dynamic(() => import('./driver-mini-map'), {
  ssr: false,
  loading: () => <div className={`${styles.miniMap} ${styles.mapLoading}`}>Loading the map…</div>,
});

export function DriverMiniMapLoader(props: DriverMiniMapProps) {
  return <DriverMiniMap {...props} />;
}
