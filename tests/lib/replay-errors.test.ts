import { describe, expect, it } from 'vitest';
import { replayErrorText } from '../../lib/replay-errors';

describe('refused replay connections, said to people', () => {
  it('drops the area prefix and ends the sentence', () => {
    expect(replayErrorText('replay: all 8 replay sessions are in use (REPLAY_MAX_SESSIONS); try again later')).toBe(
      'all 8 replay sessions are in use (REPLAY_MAX_SESSIONS); try again later.',
    );
    expect(replayErrorText('day: no day "x" (see GET /api/days)')).toBe('no day "x" (see GET /api/days)');
  });

  it('says what a transport failure means', () => {
    expect(replayErrorText('websocket error')).toBe('the server cannot be reached; it is retried automatically.');
    expect(replayErrorText('')).toBe('the server refused the connection.');
  });
});
