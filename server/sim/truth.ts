/**
 * Ground truth: what really happened, beside the events a producer would send. The engine's
 * ETAs, positions and metrics can be checked against these records. They arrive on their own
 * channel (the `onTruth` callback), never in the event feed.
 */

/** Where a driver really was at a fix (the event shows this plus GPS noise). */
export interface PositionTruth {
  kind: 'position';
  driverId: string;
  ts: number;
  lat: number;
  lng: number;
  speedKph: number;
  heading: number;
  /** the graph edge being driven, -1 when parked at a node */
  edge: number;
  /** metres driven along roads since the driver's day began (never decreases while online) */
  odoM: number;
}

/** A driver reaching a stop: the actual arrival time an ETA predicts. */
export interface ArrivalTruth {
  kind: 'arrival';
  orderId: string;
  driverId: string;
  stop: 'pickup' | 'dropoff';
  ts: number;
}

/** The whole story of an order, written when it ends (delivered or cancelled). */
export interface OrderTruth {
  kind: 'order';
  orderId: string;
  createdTs: number;
  promisedTs: number;
  /** when the food was ready to be picked up */
  readyTs: number;
  assignedTs: number | null;
  driverId: string | null;
  pickupArrivalTs: number | null;
  pickedUpTs: number | null;
  dropoffArrivalTs: number | null;
  deliveredTs: number | null;
  cancelledTs: number | null;
  cancelReason: 'unassigned_too_long' | 'pickup_too_late' | 'day_end' | null;
  /** delivered by promisedTs (null when cancelled) */
  onTime: boolean | null;
  /** road distance pickup to dropoff, metres */
  tripMetres: number | null;
}

/** A driver's planned shifts, written when the day starts. */
export interface ShiftTruth {
  kind: 'shift';
  driverId: string;
  name: string;
  shifts: { start: number; end: number }[];
}

/** A deliberate imperfection of the feed. */
export interface FaultTruth {
  kind: 'fault';
  fault: 'duplicate' | 'out_of_order' | 'late' | 'gps_jump';
  eventId: string;
  type: 'location' | 'driver' | 'order';
  /** the event's own time */
  ts: number;
  /** when the feed delivered it (the event time of the stream at that moment) */
  arrivalTs: number;
}

export type TruthRecord = PositionTruth | ArrivalTruth | OrderTruth | ShiftTruth | FaultTruth;
