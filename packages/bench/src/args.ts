/** A minimal `--name value` / `--flag` reader for the bench's command lines. */
export class Args {
  readonly #argv: string[];

  constructor(argv: string[] = process.argv.slice(2)) {
    this.#argv = argv;
  }

  has(name: string): boolean {
    return this.#argv.includes(`--${name}`);
  }

  string(name: string): string | undefined {
    const i = this.#argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const value = this.#argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`--${name} needs a value`);
    }
    return value;
  }

  number(name: string, fallback: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = raw === 'all' ? Infinity : Number(raw);
    if (!(value >= 0)) {
      throw new Error(`--${name} must be a non-negative number, got ${raw}`);
    }
    return value;
  }
}
