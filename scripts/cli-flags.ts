/**
 * The small argument parser the one-shot commands share (`npm run days`, `npm run import`):
 * `--name value` flags and `--name` switches are taken out of the argument list, what is left is
 * positional, and a mistake ends the command with exit code 2 and a message naming the flag.
 */
export class CliArgs {
  readonly rest: string[];

  constructor(
    private readonly command: string,
    argv: string[] = process.argv.slice(2),
  ) {
    this.rest = [...argv];
  }

  fail(message: string): never {
    console.error(`${this.command}: ${message}`);
    process.exit(2);
  }

  /** `--name value`; undefined when absent. */
  flag(name: string): string | undefined {
    const i = this.rest.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const v = this.rest[i + 1];
    if (v === undefined || v.startsWith('--')) this.fail(`--${name}: needs a value`);
    this.rest.splice(i, 2);
    return v;
  }

  /** `--name` alone. */
  bool(name: string): boolean {
    const i = this.rest.indexOf(`--${name}`);
    if (i >= 0) this.rest.splice(i, 1);
    return i >= 0;
  }
}
