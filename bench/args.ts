/** Benchmarks' command-line flags. */

/** The positive integer after `flag`, or `fallback` when the flag is absent. */
export function intFlag(args: string[], flag: string, fallback: number): number {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
  return n;
}

/** The text after `flag`, or `fallback` when the flag is absent or has nothing after it. */
export function stringFlag(args: string[], flag: string, fallback: string): string {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}
