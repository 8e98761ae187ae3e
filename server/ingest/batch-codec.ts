import type { FleetEvent } from '../../lib/events';
import { locationEvent } from '../../lib/validate';
import type { ValidatedBatch } from './pipeline';

/**
 * A validated batch in a form that crosses from the parsing thread to the main thread cheaply:
 * location events (nearly all of the traffic) as columns of numbers and two strings, the rest as
 * objects. Copying objects between threads costs more than JSON.parse made them for; numbers in a
 * transferred array cost nothing, and the strings are copied once.
 */
export interface EncodedBatch {
  /** each good event's index in the request, in order */
  indices: Int32Array;
  /** per good event: 1 a location (its fields in `nums` and `strs`), 0 the next of `others` */
  isLocation: Uint8Array;
  /** per location: ts, lat, lng, speedKph, heading, accuracyM (NaN: absent) */
  nums: Float64Array;
  /** per location: id ('' when absent; an id is never empty) and driverId */
  strs: string[];
  others: FleetEvent[];
  rejected: ValidatedBatch['rejected'];
}

const PER_LOCATION = 6;

export function encodeBatch(v: ValidatedBatch): { batch: EncodedBatch; transfer: ArrayBuffer[] } {
  const n = v.events.length;
  let locations = 0;
  for (const ev of v.events) if (ev.type === 'location') locations++;
  const indices = Int32Array.from(v.indices);
  const isLocation = new Uint8Array(n);
  const nums = new Float64Array(locations * PER_LOCATION);
  const strs: string[] = [];
  const others: FleetEvent[] = [];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const ev = v.events[k];
    if (ev.type !== 'location') {
      others.push(ev);
      continue;
    }
    isLocation[k] = 1;
    nums[j] = ev.ts;
    nums[j + 1] = ev.lat;
    nums[j + 2] = ev.lng;
    nums[j + 3] = ev.speedKph ?? NaN;
    nums[j + 4] = ev.heading ?? NaN;
    nums[j + 5] = ev.accuracyM ?? NaN;
    j += PER_LOCATION;
    strs.push(ev.id ?? '', ev.driverId);
  }
  const batch = { indices, isLocation, nums, strs, others, rejected: v.rejected };
  return { batch, transfer: [indices.buffer, isLocation.buffer, nums.buffer] as ArrayBuffer[] };
}

const given = (x: number) => (x === x ? x : undefined);

/** The batch `encodeBatch` was given: the same events, in the same normalized form. */
export function decodeBatch(b: EncodedBatch): ValidatedBatch {
  const events: FleetEvent[] = new Array(b.isLocation.length);
  const { nums, strs } = b;
  let j = 0;
  let s = 0;
  let o = 0;
  for (let k = 0; k < events.length; k++) {
    if (!b.isLocation[k]) {
      events[k] = b.others[o++];
      continue;
    }
    events[k] = locationEvent(strs[s + 1], nums[j], nums[j + 1], nums[j + 2], strs[s] || undefined, given(nums[j + 3]), given(nums[j + 4]), given(nums[j + 5]));
    j += PER_LOCATION;
    s += 2;
  }
  // A plain loop: Array.from would step through an iterator, an object per element.
  const indices: number[] = new Array(b.indices.length);
  for (let k = 0; k < indices.length; k++) indices[k] = b.indices[k];
  return { events, indices, rejected: b.rejected };
}
