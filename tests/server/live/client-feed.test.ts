import { describe, expect, it } from 'vitest';
import type { VehiclesFrame } from '../../../lib/live-types';
import { Engine } from '../../../server/engine/engine';
import { ClientFeed, SLOW_CLIENT_PACKETS } from '../../../server/live/client-feed';
import { VehicleCache } from '../../../server/live/vehicle-frames';
import { feed as feedEvents, loc, sec } from '../../support/events';

function fakeSocket() {
  const frames: VehiclesFrame[] = [];
  const s = { queued: 0, frames, emit: (_e: 'vehicles', f: VehiclesFrame) => frames.push(f), pendingPackets: () => s.queued };
  return s;
}

describe('ClientFeed: a slow client is coalesced, never queued', () => {
  it('sends nothing while the client has a backlog, then one frame with the newest state of each driver', () => {
    const engine = new Engine();
    const socket = fakeSocket();
    const feed = new ClientFeed(socket, 1000);
    feedEvents(engine, [loc('a', sec(0), 41.1, -8.6), loc('b', sec(0), 41.2, -8.6)]);
    feed.flush(engine, new VehicleCache(engine));
    engine.drainChanged();
    expect(socket.frames).toHaveLength(1);

    socket.queued = SLOW_CLIENT_PACKETS + 1; // the client stopped reading
    for (let i = 1; i <= 50; i++) {
      feedEvents(engine, [loc('a', sec(i), 41.1 + i * 1e-4, -8.6)]);
      feed.noteChanges(engine.drainChanged());
      feed.flush(engine, new VehicleCache(engine));
    }
    expect(socket.frames).toHaveLength(1);

    socket.queued = 0; // it drained
    feed.flush(engine, new VehicleCache(engine));
    expect(socket.frames).toHaveLength(2);
    expect(socket.frames[1]).toMatchObject({ full: false, removed: [], upserts: [{ id: 'a', ts: sec(50), lat: 41.1 + 50 * 1e-4 }] });
  });

  it('turns a backlog larger than its bound into one full frame', () => {
    const engine = new Engine();
    const socket = fakeSocket();
    const feed = new ClientFeed(socket, 10);
    feed.flush(engine, new VehicleCache(engine));
    socket.queued = SLOW_CLIENT_PACKETS + 1;
    for (let d = 0; d < 30; d++) feedEvents(engine, [loc(`d${d}`, sec(1), 41.1, -8.6 + d * 1e-3)]);
    feed.noteChanges(engine.drainChanged());
    socket.queued = 0;
    feed.flush(engine, new VehicleCache(engine));
    expect(socket.frames.at(-1)!.full).toBe(true);
    expect(socket.frames.at(-1)!.upserts).toHaveLength(30);
  });
});
