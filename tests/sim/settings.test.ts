import { describe, expect, it } from 'vitest';
import { CliUsageError, flagOf, parseSimulateArgs } from '../../server/sim/cli-args';
import { dayStartOf, resolveSettings, SimSettingsError } from '../../server/sim/settings';

describe('resolveSettings', () => {
  it('fills in the documented defaults', () => {
    const s = resolveSettings();
    expect(s).toMatchObject({ seed: 7, drivers: 300, fixEverySec: 10, duplicateShare: 0.005, outOfOrderShare: 0.01, lateShare: 0.002 });
    expect(s.dayStart).toBe(Date.UTC(2026, 10, 25));
  });

  it.each([
    [{ drivers: 0 }, 'drivers: must be between 1 and 100000'],
    [{ drivers: 2.5 }, 'drivers: must be an integer'],
    [{ seed: -1 }, 'seed: must be between 0 and 9007199254740991'],
    [{ fixEverySec: 0 }, 'fixEverySec: must be between 1 and 3600'],
    [{ duplicateShare: 0.9 }, 'duplicateShare: must be between 0 and 0.5'],
    [{ date: '2026-02-30' }, 'date: must be a real calendar date (YYYY-MM-DD)'],
    [{ date: 'tomorrow' }, 'date: must be a date as YYYY-MM-DD'],
    [{ slaMinutes: [50, 40] as [number, number] }, 'slaMinutes: min must not exceed max'],
  ])('rejects %j with "%s"', (partial, message) => {
    expect(() => resolveSettings(partial)).toThrow(SimSettingsError);
    expect(() => resolveSettings(partial)).toThrow(message);
  });

  it('takes a day as a date or as any ms timestamp within it', () => {
    expect(dayStartOf('2026-11-25')).toBe(Date.UTC(2026, 10, 25));
    expect(dayStartOf(Date.UTC(2026, 10, 25, 17, 3))).toBe(Date.UTC(2026, 10, 25));
  });
});

describe('parseSimulateArgs (npm run simulate)', () => {
  it('parses the flags of the example command', () => {
    const a = parseSimulateArgs(['--seed', '7', '--drivers', '1000', '--date', '2026-11-25', '--out', 'day.ndjson']);
    expect(a.settings).toEqual({ seed: 7, drivers: 1000, date: '2026-11-25' });
    expect(a.out).toBe('day.ndjson');
    expect(a.city).toBe('generated');
  });

  it('accepts --flag=value, a GeoJSON city, truth files and the fault shares', () => {
    const a = parseSimulateArgs(['--city=roads.geojson', '--truth', 't.ndjson', '--truth-positions', '--late', '0', '--fix-every', '5']);
    expect(a.city).toBe('roads.geojson');
    expect(a.truth).toBe('t.ndjson');
    expect(a.settings).toEqual({ truthPositions: true, lateShare: 0, fixEverySec: 5 });
  });

  it.each([
    [['--drivers', 'many'], '--drivers: must be a number, got "many"'],
    [['--drivers', '2.5'], '--drivers: must be an integer, got "2.5"'],
    [['--seed'], '--seed: needs a value'],
    [['--seed', '--drivers', '3'], '--seed: needs a value'],
    [['--speed', '3'], '--speed: unknown flag (see --help)'],
    [['day.ndjson'], 'day.ndjson: unexpected argument (flags start with --)'],
    [['--date', '25/11/2026'], '--date: must be a date as YYYY-MM-DD'],
    [['--quiet=yes'], '--quiet: takes no value'],
    [['--seed', '1', '--seed', '2'], '--seed: given more than once'],
    [['--truth-positions'], '--truth-positions: needs --truth <file>'],
    [['--out', 'a', '--truth', 'a'], '--truth: must differ from --out'],
  ])('rejects %j with "%s"', (argv, message) => {
    expect(() => parseSimulateArgs(argv)).toThrow(CliUsageError);
    expect(() => parseSimulateArgs(argv)).toThrow(message);
  });

  it('maps settings fields back to their flags for range errors found later', () => {
    expect(flagOf('drivers')).toBe('--drivers');
    expect(flagOf('fixEverySec')).toBe('--fix-every');
    expect(flagOf('duplicateShare')).toBe('--duplicates');
  });
});
