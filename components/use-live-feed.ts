'use client';

import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/live-types';
import { VehicleStore } from '../lib/vehicle-store';

export type LiveConnection = 'connecting' | 'live' | 'reconnecting';

/**
 * The live namespace as a store: `vehicles` frames go into a VehicleStore (read by the map every
 * animation frame, never through React state), and only the connection state re-renders.
 */
export function useLiveFeed(): { store: VehicleStore; connection: LiveConnection } {
  const storeRef = useRef<VehicleStore | null>(null);
  storeRef.current ??= new VehicleStore();
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  useEffect(() => {
    const store = storeRef.current!;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'] });
    socket.on('connect', () => setConnection('live'));
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.io.on('reconnect_attempt', () => setConnection('reconnecting'));
    socket.on('vehicles', (frame) => store.apply(frame, performance.now()));
    return () => {
      socket.close();
    };
  }, []);
  return { store: storeRef.current, connection };
}
