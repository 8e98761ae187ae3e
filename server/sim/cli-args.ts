/**
 * Flags of `npm run simulate` (scripts/simulate.ts), parsed and checked without any I/O so the
 * rules can be tested. Every error names the flag and the rule.
 */
import { dayStartOf, SimSettingsError, type SimSettings } from './settings';

export interface SimulateArgs {
  settings: Partial<SimSettings>;
  /** output file; '-' for stdout */
  out: string;
  /** 'generated' or a path to an OSM GeoJSON file of LineStrings */
  city: string;
  /** ground truth NDJSON file, or null */
  truth: string | null;
  quiet: boolean;
  help: boolean;
}

export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE';
  constructor(
    readonly flag: string,
    rule: string,
  ) {
    super(`${flag}: ${rule}`);
    this.name = 'CliUsageError';
  }
}

export const SIMULATE_USAGE = `Usage: npm run simulate -- [flags]

Writes one simulated day of fleet events as NDJSON (one contract event a line).

  --seed <int>              random seed (default 7); same flags + seed = same bytes
  --drivers <int>           fleet size, 1 to 100000 (default 300)
  --date <YYYY-MM-DD>       the UTC day to simulate (default 2026-11-25)
  --out <file|->            where to write the events (default: stdout)
  --city generated|<file>   the road network: a generated city (default) or an OSM GeoJSON file
  --truth <file>            also write ground truth records (NDJSON) to this file
  --truth-positions         include every fix's true position in --truth (large)
  --fix-every <sec>         seconds between a driver's GPS fixes (default 10)
  --demand-scale <x>        multiply demand, 0 to 100 (default 1: ~30 orders per driver)
  --duplicates <share>      share of duplicated events, 0 to 0.5 (default 0.005)
  --out-of-order <share>    share of events up to a minute out of order (default 0.01)
  --late <share>            share of location events 2.5-10 minutes late (default 0.002)
  --quiet                   no progress bar
  --help                    this text
`;

type Kind = 'int' | 'number' | 'string' | 'flag';
const FLAGS: Record<string, { kind: Kind; field?: keyof SimSettings }> = {
  '--seed': { kind: 'int', field: 'seed' },
  '--drivers': { kind: 'int', field: 'drivers' },
  '--date': { kind: 'string', field: 'date' },
  '--out': { kind: 'string' },
  '--city': { kind: 'string' },
  '--truth': { kind: 'string' },
  '--truth-positions': { kind: 'flag', field: 'truthPositions' },
  '--fix-every': { kind: 'int', field: 'fixEverySec' },
  '--demand-scale': { kind: 'number', field: 'demandScale' },
  '--duplicates': { kind: 'number', field: 'duplicateShare' },
  '--out-of-order': { kind: 'number', field: 'outOfOrderShare' },
  '--late': { kind: 'number', field: 'lateShare' },
  '--quiet': { kind: 'flag' },
  '--help': { kind: 'flag' },
};

/** The flag that sets a settings field (for turning a SimSettingsError into a flag error). */
export function flagOf(field: string): string {
  const base = field.replace(/\[\d+\]$/, '');
  for (const [flag, spec] of Object.entries(FLAGS)) if (spec.field === base) return flag;
  return base;
}

/** Parses `argv` (without node and the script); accepts `--flag value` and `--flag=value`. */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const args: SimulateArgs = { settings: {}, out: '-', city: 'generated', truth: null, quiet: false, help: false };
  const settings = args.settings as Record<string, unknown>;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const spec = FLAGS[flag];
    if (!spec) {
      throw new CliUsageError(flag, raw.startsWith('--') ? 'unknown flag (see --help)' : 'unexpected argument (flags start with --)');
    }
    if (seen.has(flag)) throw new CliUsageError(flag, 'given more than once');
    seen.add(flag);
    if (spec.kind === 'flag') {
      if (eq > 0) throw new CliUsageError(flag, 'takes no value');
      if (flag === '--quiet') args.quiet = true;
      else if (flag === '--help') args.help = true;
      else settings[spec.field!] = true;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = raw.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new CliUsageError(flag, 'needs a value');
      }
      i++;
    }
    if (value === '') throw new CliUsageError(flag, 'needs a value');
    if (spec.kind === 'string') {
      if (flag === '--out') args.out = value;
      else if (flag === '--city') args.city = value;
      else if (flag === '--truth') args.truth = value;
      else settings[spec.field!] = value;
      continue;
    }
    const n = Number(value);
    if (!Number.isFinite(n) || value.trim() === '') throw new CliUsageError(flag, `must be a number, got "${value}"`);
    if (spec.kind === 'int' && !Number.isInteger(n)) throw new CliUsageError(flag, `must be an integer, got "${value}"`);
    settings[spec.field!] = n;
  }
  if (args.settings.date !== undefined) {
    try {
      dayStartOf(args.settings.date);
    } catch (e) {
      if (e instanceof SimSettingsError) throw new CliUsageError('--date', e.message.replace(/^date: /, ''));
      throw e;
    }
  }
  if (args.truth !== null && args.truth === args.out) throw new CliUsageError('--truth', 'must differ from --out');
  if (args.settings.truthPositions && args.truth === null) throw new CliUsageError('--truth-positions', 'needs --truth <file>');
  return args;
}
