/** One-line progress on stderr for long benchmark steps. */
export function step(label: string): (detail?: string) => void {
  const started = performance.now();
  process.stderr.write(`  … ${label}\n`);
  return (detail = '') => {
    const s = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`  ✓ ${label} (${s} s)${detail ? ` ${detail}` : ''}\n`);
  };
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export interface Row {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const w = Math.max(...rows.map((r) => r.name.length));
  const v = Math.max(...rows.map((r) => r.value.length));
  for (const r of rows) {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  BELOW TARGET';
    console.log(`  ${r.name.padEnd(w)}  ${r.value.padStart(v)}${r.target ? `  (target ${r.target})` : ''}${verdict}`);
  }
}
