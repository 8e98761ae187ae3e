'use client';

import 'leaflet/dist/leaflet.css';
import { useCallback, useState } from 'react';
import { MapContainer } from 'react-leaflet';
import type { HexMetric } from '../../lib/hex-scale';
import type { VehicleStore } from '../../lib/vehicle-store';
import { useSelection } from '../dashboard/selection';
import { useFeed, useFeedValue, useWatchedDriver } from '../feed/feed-provider';
import { BaseLayers } from './base-layers';
import { HexLayer } from './hex-layer';
import { MapBehaviour } from './map-behaviour';
import { MapLegend } from './map-legend';
import styles from './map.module.css';
import { SelectionLayer } from './selection-layer';
import { VehicleLayer } from './vehicle-layer';

/** Porto: where the built-in fleet drives (the generated city sits on its coordinates). */
const CENTER: [number, number] = [41.1579, -8.6291];

export interface FleetMapProps {
  tileUrl: string;
}

/**
 * The fleet map of the page's feed (live or replay: the same layers, only the feed differs).
 * Client-only. Layers bottom to top: roads (offline fallback), tiles, supply/demand hexagons, the
 * selected driver's trail, the vehicles canvas, stop markers and labels.
 */
export default function FleetMap({ tileUrl }: FleetMapProps) {
  const { state, source } = useFeed();
  const { selectedId, select, focus } = useSelection();
  const [hexOn, setHexOn] = useState(false);
  const [metric, setMetric] = useState<HexMetric>('demand');
  const clear = useCallback(() => select(null), [select]);
  return (
    <div className={styles.wrap}>
      <MapContainer center={CENTER} zoom={13} className={`fleet-map ${styles.map}`}>
        <BaseLayers tileUrl={tileUrl} day={source.kind === 'replay' ? source.day : undefined} />
        {hexOn && <LiveHexLayer metric={metric} />}
        <SelectedDriver id={selectedId} store={state.vehicles} />
        <VehicleLayer store={state.vehicles} selectedId={selectedId} onSelect={select} />
        <MapBehaviour focus={focus} hasSelection={selectedId !== null} onClear={clear} />
      </MapContainer>
      <LiveLegend hexOn={hexOn} onHex={setHexOn} metric={metric} onMetric={setMetric} />
    </div>
  );
}

/** The hexagons, re-rendered only by zones frames (about once a second). */
function LiveHexLayer({ metric }: { metric: HexMetric }) {
  const zones = useFeedValue('zones', (s) => s.zones);
  return <HexLayer zones={zones} metric={metric} />;
}

function LiveLegend(props: { hexOn: boolean; onHex(on: boolean): void; metric: HexMetric; onMetric(m: HexMetric): void }) {
  // Zones only matter to the legend while the layer is on (its scale's range).
  const zones = useFeedValue('zones', (s) => (props.hexOn ? s.zones : null));
  return <MapLegend {...props} zones={zones} />;
}

/** The selected driver's detail, pushed live while selected; times against the feed's clock. */
function SelectedDriver({ id, store }: { id: string | null; store: VehicleStore }) {
  const detail = useWatchedDriver(id);
  const nowTs = useCallback(() => store.frameTs || Date.now(), [store]);
  return <SelectionLayer detail={detail} nowTs={nowTs} />;
}
