import type { ServerResponse } from 'node:http';
import type { DayRecords } from './roads-route';
import type { DayInfo, SeriesBody } from '../../lib/api-types';
import { seriesCsv } from '../../lib/series-csv';
import {
  alertsBody,
  deadLettersBody,
  driverDetail,
  driversBody,
  etaAccuracyBody,
  metricsBody,
  orderBody,
  seriesBody,
  zonesBody,
} from '../engine/views';
import type { Engine } from '../engine/engine';
import { HttpError, sendJson } from './respond';

function optionalInt(url: URL, name: string, min: number, max: number): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HttpError(400, 'invalid_query', `${name}: must be an integer between ${min} and ${max}`);
  }
  return n;
}

/** Endpoints that answer one body of the engine's state. */
const COLLECTIONS = {
  metrics: (e: Engine) => metricsBody(e),
  zones: (e: Engine) => zonesBody(e),
  alerts: (e: Engine) => alertsBody(e),
  'eta-accuracy': (e: Engine) => etaAccuracyBody(e),
  'dead-letters': (e: Engine, url: URL) => deadLettersBody(e, optionalInt(url, 'limit', 1, 1000) ?? 100),
} as const;

/** The recorded days (GET /api/days). */
export interface DayList extends DayRecords {
  list(): DayInfo[];
  /** the whole day's per-minute series; undefined for an unknown day */
  series(id: string): Promise<SeriesBody> | undefined;
}

/**
 * GET routes of the read API (contract section 3); returns false when the path is not one, and a
 * promise for the answers that read files (the caller sends its rejection as the error).
 */
export function handleRead(path: string, url: URL, res: ServerResponse, engine: Engine, days?: DayList): boolean | Promise<void> {
  let segments: string[]; // ['api', ...]
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new HttpError(400, 'invalid_path', `${path}: not a valid percent-encoded path`);
  }
  const [, name, id, extra] = segments;
  if (name === 'days' && id !== undefined && extra === 'series' && segments.length === 4 && days) {
    const body = days.series(id);
    if (!body) throw new HttpError(404, 'not_found', `day ${id}: no such day (see GET /api/days)`);
    return body.then((b) => sendJson(res, 200, b));
  }
  if (extra !== undefined) return false;
  switch (name) {
    case 'drivers':
      if (id === undefined) sendJson(res, 200, driversBody(engine));
      else {
        const body = driverDetail(engine, id);
        if (!body) throw new HttpError(404, 'not_found', `driver ${id}: no such driver`);
        sendJson(res, 200, body);
      }
      return true;
    case 'orders': {
      if (id === undefined) return false;
      const body = orderBody(engine, id);
      if (!body) throw new HttpError(404, 'not_found', `order ${id}: no such order`);
      sendJson(res, 200, body);
      return true;
    }
    case 'days':
      if (id !== undefined || !days) return false;
      sendJson(res, 200, days.list());
      return true;
    case 'metrics':
    case 'zones':
    case 'alerts':
    case 'dead-letters':
    case 'eta-accuracy':
      if (id !== undefined) return false;
      sendJson(res, 200, COLLECTIONS[name](engine, url));
      return true;
    case 'series': {
      if (id !== undefined) return false;
      const body = seriesBody(engine, optionalInt(url, 'from', 0, 8.64e15), optionalInt(url, 'to', 0, 8.64e15));
      const format = url.searchParams.get('format') ?? 'json';
      if (format === 'csv') {
        const csv = seriesCsv(body);
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="series.csv"',
          'cache-control': 'no-store',
        });
        res.end(csv);
      } else if (format === 'json') sendJson(res, 200, body);
      else throw new HttpError(400, 'invalid_query', 'format: must be json or csv');
      return true;
    }
    default:
      return false;
  }
}
