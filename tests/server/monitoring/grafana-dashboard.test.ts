import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { online, sec } from '../../support/events';
import { postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { connect } from '../security/helpers';
import { scrape } from './helpers';

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: { expr: string; datasource?: { uid?: string } }[];
}
interface Dashboard {
  __inputs: { name: string; type: string; pluginId: string }[];
  schemaVersion: number;
  title: string;
  uid: string;
  panels: Panel[];
}

const dashboard = JSON.parse(fs.readFileSync(path.resolve('docs/grafana-dashboard.json'), 'utf8')) as Dashboard;
const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

/** The metric names a PromQL expression reads (not its functions, labels or keywords). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings (label values, legend text)
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range selectors
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // label lists
  const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
  const names: string[] = [];
  for (const m of bare.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\s*(\()?/g)) {
    if (m[2] || keywords.has(m[1].toLowerCase())) continue; // a function call or a keyword
    names.push(m[1]);
  }
  return names;
}

describe('docs/grafana-dashboard.json', () => {
  let s: ApiServer;
  let sampleNames: Set<string>;
  beforeAll(async () => {
    s = await startApiServer();
    const c = await connect(s.url);
    expect((await postNdjson(s.url, [online('d1', sec(0))])).status).toBe(200);
    sampleNames = new Set((await scrape(s.url)).samples.map((x) => x.name));
    c.close();
  });
  afterAll(() => s?.close());

  it('is an importable dashboard with a Prometheus datasource input', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.uid).toBeTruthy();
    expect(dashboard.__inputs).toContainEqual(expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }));
    for (const p of dashboard.panels.filter((x) => x.type !== 'row')) {
      expect(p.datasource?.uid, p.title).toBe('${DS_PROMETHEUS}');
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
    }
  });

  it('reads only metrics that /metrics exposes', () => {
    expect(exprs.length).toBeGreaterThan(10);
    for (const { panel, expr } of exprs) {
      const names = metricNames(expr);
      expect(names.length, `${panel}: ${expr}`).toBeGreaterThan(0);
      for (const n of names) expect(sampleNames.has(n), `${panel}: ${n} is not exposed`).toBe(true);
    }
  });

  it('covers what operators watch', () => {
    const used = new Set(exprs.flatMap((e) => metricNames(e.expr)));
    for (const n of [
      'fleet_events_accepted_total',
      'fleet_events_rejected_total',
      'fleet_events_duplicate_total',
      'fleet_events_late_total',
      'fleet_ingest_request_duration_seconds_bucket',
      'fleet_event_to_emit_seconds_bucket',
      'fleet_socket_clients',
      'fleet_socket_bytes_sent_total',
      'fleet_stream_lag_events',
      'fleet_log_writable',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(used.has(n), n).toBe(true);
    }
  });

  it('the name extractor itself', () => {
    expect(metricNames('histogram_quantile(0.99, sum by (le, transport) (rate(a_bucket{instance=~"$instance"}[$__rate_interval])))')).toEqual(['a_bucket']);
    expect(metricNames('min by (instance, kind) (b{x="y"}) / c')).toEqual(['b', 'c']);
  });
});
