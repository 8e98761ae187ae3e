'use client';

import { createContext, useContext, useMemo, useState } from 'react';

/** A place the map should show: set by the alerts panel, the driver panel, a table row. */
export interface MapFocus {
  lat: number;
  lng: number;
  zoom?: number;
  /** grows with every request, so asking twice for the same place moves the map twice */
  seq: number;
}

export interface Selection {
  /** the selected driver, whose trail, stops and ETA the map and the side panel show */
  selectedId: string | null;
  select(id: string | null): void;
  focus: MapFocus | null;
  flyTo(lat: number, lng: number, zoom?: number): void;
}

const SelectionContext = createContext<Selection | null>(null);

/** What the dashboard's parts share: the selected driver and where the map should look. */
export function SelectionProvider({ children, initial = null }: { children: React.ReactNode; initial?: string | null }) {
  const [selectedId, select] = useState<string | null>(initial);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const value = useMemo<Selection>(
    () => ({
      selectedId,
      select,
      focus,
      flyTo: (lat, lng, zoom) => setFocus((f) => ({ lat, lng, zoom, seq: (f?.seq ?? 0) + 1 })),
    }),
    [selectedId, focus],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error('useSelection: this component needs a <SelectionProvider> above it');
  return s;
}
