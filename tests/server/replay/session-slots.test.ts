import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../lib/events';
import type { ReplayClientToServerEvents, ReplayClock, ReplayServerToClientEvents } from '../../../lib/live-types';
import { drive, min, online } from '../../support/events';
import { startApiServer, type ApiServer } from '../../support/server';
import { sleep } from '../../support/sockets';

type ReplayClient = Socket<ReplayServerToClientEvents, ReplayClientToServerEvents>;

const dayEvents = (): FleetEvent[] => [online('a', min(0), 'Ana'), ...drive('a', min(0) + 1000, 360)];

/**
 * A replay session slot is taken when a client asks for a day and the day starts opening; the
 * client may leave before the day is ready (a simulated day is prepared on first use, for minutes).
 */
describe('replay session slots (REPLAY_MAX_SESSIONS)', () => {
  let api: ApiServer;
  const clients: ReplayClient[] = [];
  const connect = (day: string) => {
    const c: ReplayClient = io(`${api.url}/replay`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { day } });
    clients.push(c);
    return c;
  };
  const opened = (c: ReplayClient) =>
    new Promise<ReplayClock | string>((resolve) => {
      c.once('clock', resolve);
      c.once('connect_error', (err) => resolve(err.message));
    });

  beforeAll(async () => {
    api = await startApiServer({ REPLAY_MAX_SESSIONS: '1' });
    await api.app.days.addImported('one-hour', 'one hour', 'x.ndjson', dayEvents(), () => 0);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await api.close();
  });

  it('frees the slot of a client that left while its day was still being opened', async () => {
    // The day takes a while to open, as a simulated day does on its first use.
    const days = api.app.days;
    const open = days.open.bind(days);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let asked!: () => void;
    const opening = new Promise<void>((r) => (asked = r));
    days.open = (id: string) => {
      asked();
      return gate.then(() => open(id));
    };

    const leaver = connect('one-hour');
    await opening;
    leaver.close();
    // The server has seen the client go before the day is ready.
    await expect.poll(() => api.app.io.engine.clientsCount).toBe(0);
    release();
    await sleep(100);
    days.open = open;

    // The only slot is free again: the next viewer gets its replay.
    const clock = await opened(connect('one-hour'));
    expect(clock).toMatchObject({ ts: min(0), playing: false });
  });
});
