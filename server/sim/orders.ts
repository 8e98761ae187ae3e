/**
 * What a new order looks like: where it is picked up (a hot spot for most, anywhere for the rest),
 * where it goes (a home 0.4 to 6 km away, 1.8 km typical), when the food is ready (12
 * minutes typical, 4 to 45), when a courier is sought (6 minutes before that), what is promised, and how long the
 * customer waits for a courier before giving up.
 */
import { haversineM } from '../../lib/geo';
import type { LatLng } from '../../lib/events';
import type { RoadGraph } from '../roads/graph';
import type { Rng } from '../roads/random';
import type { HotSpotPicker } from './demand';
import type { OrderTruth } from './truth';
import { MS_PER_MINUTE } from './time-of-day';

export const ORDER_WAITING = 0;
export const ORDER_ASSIGNED = 1;
export const ORDER_PICKED_UP = 2;
export const ORDER_DONE = 3;

export interface SimOrder {
  index: number;
  id: string;
  state: number;
  createdTs: number;
  promisedTs: number;
  readyTs: number;
  /** from when a courier is sought: timed so the courier arrives about when the food is ready */
  dispatchTs: number;
  /** when the customer gives up if no courier is assigned yet */
  patienceTs: number;
  pickupNode: number;
  dropoffNode: number;
  pickup: LatLng;
  dropoff: LatLng;
  driver: number;
  assignedTs: number | null;
  pickupArrivalTs: number | null;
  pickedUpTs: number | null;
  dropoffArrivalTs: number | null;
  tripMetres: number | null;
  /** when the dispatcher last found no courier for it, and the idle pool's joins at that time */
  failedTs: number;
  failedJoins: number;
}

/** Share of orders picked up at a hot spot; the rest come from anywhere in the city. */
const HOT_SPOT_SHARE = 0.8;
const M_PER_DEG = 111_320;
/** Couriers are sought this long before the food is ready (a typical ride to the pickup). */
const DISPATCH_LEAD_MS = 6 * MS_PER_MINUTE;

export interface OrderShape {
  slaMinutes: [number, number];
  patienceMinutes: [number, number];
}

export class OrderFactory {
  private count = 0;
  private readonly prefix: string;

  constructor(
    private readonly graph: RoadGraph,
    private readonly picker: HotSpotPicker,
    private readonly shape: OrderShape,
    dayStart: number,
  ) {
    this.prefix = `o-${new Date(dayStart).toISOString().slice(0, 10).replaceAll('-', '')}-`;
  }

  create(rng: Rng, now: number, localHour: number): SimOrder {
    const index = this.count++;
    const [pickupNode, dropoffNode] = this.sampleTrip(rng, localHour);
    const sla = rng.range(this.shape.slaMinutes[0], this.shape.slaMinutes[1]);
    const patience = rng.range(this.shape.patienceMinutes[0], this.shape.patienceMinutes[1]);
    // Kitchens take 12 minutes typically, with a long tail (4 to 45 minutes).
    const prepMinutes = Math.min(45, Math.max(4, 12 * Math.exp(0.55 * rng.normal())));
    const readyTs = now + Math.round(prepMinutes * MS_PER_MINUTE);
    const dispatchTs = Math.max(now, readyTs - DISPATCH_LEAD_MS);
    return {
      index,
      id: this.prefix + String(index + 1).padStart(6, '0'),
      state: ORDER_WAITING,
      createdTs: now,
      promisedTs: now + Math.round(sla) * MS_PER_MINUTE,
      readyTs,
      dispatchTs,
      patienceTs: dispatchTs + Math.round(patience * MS_PER_MINUTE),
      pickupNode,
      dropoffNode,
      pickup: this.address(rng, pickupNode),
      dropoff: this.address(rng, dropoffNode),
      driver: -1,
      assignedTs: null,
      pickupArrivalTs: null,
      pickedUpTs: null,
      dropoffArrivalTs: null,
      tripMetres: null,
      failedTs: -Infinity,
      failedJoins: -1,
    };
  }

  /** A pickup and a dropoff node as new orders have them. */
  sampleTrip(rng: Rng, localHour: number): [number, number] {
    const pickupNode = rng.chance(HOT_SPOT_SHARE)
      ? pickFrom(rng, this.picker.pick(rng, localHour).nearby)
      : rng.int(this.graph.nodeCount);
    return [pickupNode, this.dropoffFor(rng, pickupNode)];
  }

  get created(): number {
    return this.count;
  }

  private dropoffFor(rng: Rng, from: number): number {
    const g = this.graph;
    const [w, s, e, n] = g.bbox;
    const lat0 = g.lat[from];
    const lng0 = g.lng[from];
    for (let tries = 0; tries < 12; tries++) {
      const metres = Math.min(6000, Math.max(400, 1800 * Math.exp(0.55 * rng.normal())));
      const angle = rng.range(0, 2 * Math.PI);
      const lat = lat0 + (metres * Math.cos(angle)) / M_PER_DEG;
      const lng = lng0 + (metres * Math.sin(angle)) / (M_PER_DEG * Math.cos((lat0 * Math.PI) / 180));
      const v = g.nearestNode(Math.min(n, Math.max(s, lat)), Math.min(e, Math.max(w, lng)));
      if (v !== from && haversineM(g.lat[v], g.lng[v], lat0, lng0) > 250) return v;
    }
    let v = rng.int(g.nodeCount);
    if (v === from) v = (v + 1) % g.nodeCount;
    return v;
  }

  /** The customer's door: a few metres off the junction the courier drives to. */
  private address(rng: Rng, node: number): LatLng {
    const g = this.graph;
    const metres = rng.range(3, 12);
    const angle = rng.range(0, 2 * Math.PI);
    return {
      lat: g.lat[node] + (metres * Math.cos(angle)) / M_PER_DEG,
      lng: g.lng[node] + (metres * Math.sin(angle)) / (M_PER_DEG * Math.cos((g.lat[node] * Math.PI) / 180)),
    };
  }
}

function pickFrom(rng: Rng, nodes: Int32Array): number {
  return nodes[rng.int(nodes.length)];
}

/** The ground truth record of an order that has ended. */
export function orderTruth(
  o: SimOrder,
  driverId: string | null,
  deliveredTs: number | null,
  cancelledTs: number | null,
  cancelReason: OrderTruth['cancelReason'],
): OrderTruth {
  return {
    kind: 'order',
    orderId: o.id,
    createdTs: o.createdTs,
    promisedTs: o.promisedTs,
    readyTs: o.readyTs,
    assignedTs: o.assignedTs,
    driverId,
    pickupArrivalTs: o.pickupArrivalTs,
    pickedUpTs: o.pickedUpTs,
    dropoffArrivalTs: o.dropoffArrivalTs,
    deliveredTs,
    cancelledTs,
    cancelReason,
    onTime: deliveredTs === null ? null : deliveredTs <= o.promisedTs,
    tripMetres: o.tripMetres === null ? null : Math.round(o.tripMetres * 10) / 10,
  };
}
