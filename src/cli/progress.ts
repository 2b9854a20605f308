/** The importers' progress bar: shown only on a terminal, gone once the work is done. */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Pass as an importer's `onProgress`. */
  onProgress(done: number, total: number): void;
  stop(): void;
}

export function importProgress(): Progress {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'importing [{bar}] {percentage}% | {value}/{total} records | {duration}s', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  return {
    onProgress(done, total) {
      if (!bar) return;
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
