/**
 * The GPS receiver: turns a true position into the fix a phone would report. Gaussian noise of a
 * few metres per axis, a rare jump of 0.6 to 1.5 km (faster than any car between two fixes, which is
 * how a consumer can tell a glitch from a move), speed within ~3% and heading within a few
 * degrees while moving (the last heading when stopped), and the accuracy the phone claims.
 */
import type { LocationEvent } from '../../lib/events';
import type { Rng } from '../roads/random';
import { locationEvent } from './emit';
import type { TruePosition } from './motion';

const M_PER_DEG = 111_320;

export class GpsSensor {
  jumps = 0;
  /** whether the last fix was a jump */
  jumped = false;

  constructor(
    private readonly rng: Rng,
    private readonly noiseM: number,
    private readonly jumpShare: number,
  ) {}

  /** The location event for a driver at true position `p` (`jumped` then tells a GPS jump). */
  fix(driverId: string, ts: number, p: TruePosition): LocationEvent {
    const n = this.rng;
    const sigma = this.noiseM;
    let dn = n.normal() * sigma;
    let de = n.normal() * sigma;
    const jumped = (this.jumped = n.next() < this.jumpShare);
    if (jumped) {
      const metres = n.range(600, 1500);
      const angle = n.range(0, 2 * Math.PI);
      dn += metres * Math.cos(angle);
      de += metres * Math.sin(angle);
      this.jumps++;
    }
    const moving = p.speedKph > 0;
    const speed = moving ? p.speedKph * (1 + 0.03 * n.normal()) : 0;
    const heading = moving ? (p.heading + 2 * n.normal() + 360) % 360 : p.heading;
    return locationEvent(
      driverId,
      ts,
      p.lat + dn / M_PER_DEG,
      p.lng + de / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180)),
      speed,
      heading,
      sigma * n.range(1.2, 2.2),
    );
  }
}
