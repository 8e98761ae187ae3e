import { expect } from 'vitest';

export interface Exposition {
  /** `# TYPE` of each metric family */
  types: Map<string, string>;
  /** every sample: name, labels as written (`{a="b"}` or ''), value */
  samples: { name: string; labels: string; value: number }[];
}

/** GET /metrics, checked for the Prometheus text format, parsed. */
export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Exposition> {
  const res = await fetch(`${url}/metrics`, { headers });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const types = new Map<string, string>();
  const samples: Exposition['samples'] = [];
  for (const line of text.split('\n')) {
    const t = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (t) types.set(t[1], t[2]);
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{[^}]*\})? (\S+)/.exec(line);
    if (m) samples.push({ name: m[1], labels: m[2] ?? '', value: Number(m[3]) });
  }
  return { types, samples };
}

/** The value of one sample (labels as written, e.g. `{transport="http"}`), or undefined. */
export function value(x: Exposition, name: string, labels = ''): number | undefined {
  return x.samples.find((s) => s.name === name && s.labels === labels)?.value;
}
