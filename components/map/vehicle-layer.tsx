'use client';

import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { VehicleStore } from '../../lib/vehicle-store';
import { useFeed } from '../feed/feed-provider';
import styles from './map.module.css';
import { VehicleCanvas } from './vehicle-canvas';

/**
 * The fleet on one canvas (see VehicleCanvas). React renders this once per selection change;
 * vehicles themselves never go through React: the canvas reads the store every frame.
 */
export function VehicleLayer({ store, selectedId, onSelect }: { store: VehicleStore; selectedId: string | null; onSelect: (id: string | null) => void }) {
  const map = useMap();
  const { nameOf } = useFeed();
  const layer = useRef<VehicleCanvas | null>(null);
  useEffect(() => {
    const canvas = new VehicleCanvas(map, store, styles.tooltip);
    layer.current = canvas;
    return () => {
      canvas.destroy();
      layer.current = null;
    };
  }, [map, store]);
  useEffect(() => {
    if (!layer.current) return;
    layer.current.selectedId = selectedId;
    layer.current.onSelect = onSelect;
    layer.current.nameOf = nameOf;
  }, [selectedId, onSelect, nameOf, map, store]);
  return null;
}
