import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config';
import { startApiServer } from '../../support/server';

describe('server start: configuration from the environment', () => {
  it('refuses an INGEST_MAX_BYTES that is not a positive integer, naming the variable', async () => {
    await expect(startApiServer({ INGEST_MAX_BYTES: '0' })).rejects.toThrow(ConfigError);
    await expect(startApiServer({ INGEST_MAX_BYTES: '5MB' })).rejects.toThrow(/^INGEST_MAX_BYTES: /);
  });

  it('refuses a negative INGEST_RATE, naming the variable', async () => {
    await expect(startApiServer({ INGEST_RATE: '-1' })).rejects.toThrow(/^INGEST_RATE: /);
  });

  it('refuses an INGEST_WORKERS that is not a whole number from 0 to 16, naming the variable', async () => {
    await expect(startApiServer({ INGEST_WORKERS: '-1' })).rejects.toThrow(/^INGEST_WORKERS: /);
    await expect(startApiServer({ INGEST_WORKERS: '17' })).rejects.toThrow(/^INGEST_WORKERS: /);
    await expect(startApiServer({ INGEST_WORKERS: 'two' })).rejects.toThrow(/^INGEST_WORKERS: /);
  });

  it('refuses an unknown LOG_LEVEL as a configuration error, not a crash of the logger', async () => {
    await expect(startApiServer({ LOG_LEVEL: 'loud' })).rejects.toThrow(ConfigError);
  });

  it('serves /healthz with the log writable on a fresh data dir', async () => {
    const api = await startApiServer();
    try {
      const res = await fetch(`${api.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, log: { kind: 'file', writable: true, lastApplied: '0', lagEvents: 0 } });
    } finally {
      await api.close();
    }
  });
});
