import type { DriverStatus } from './api-types';

/** One colour per driver status, shared by the map markers, chips, tables and timelines. */
export const STATUS_COLORS: Record<DriverStatus, string> = {
  idle: '#2da44e',
  to_pickup: '#d4a72c',
  to_dropoff: '#1f6feb',
  offline: '#8c959f',
};

/** What a person reads for each status. */
export const STATUS_LABELS: Record<DriverStatus, string> = {
  idle: 'idle',
  to_pickup: 'to pickup',
  to_dropoff: 'to drop-off',
  offline: 'offline',
};

/** The order statuses are listed in: working first, offline last. */
export const STATUS_ORDER: readonly DriverStatus[] = ['idle', 'to_pickup', 'to_dropoff', 'offline'];
