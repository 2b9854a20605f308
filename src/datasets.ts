/**
 * The datasets the first start loads in the background (SEED_DATASETS): today the Office of the
 * Historian's records. Their state is what /readyz reports; a load that fails is logged and
 * leaves the service running on what it has.
 */
import type { SeedDataset } from './config.js';
import { ensureHsg, formatHsgReport, type HsgReport } from './connectors/hsg/load.js';
import type { Db } from './db/driver.js';
import type { Logger } from './log.js';

export interface DatasetState {
  status: 'loading' | 'loaded' | 'failed';
  done?: number;
  total?: number;
  error?: string;
}

export interface DatasetLoads {
  state(): Record<string, DatasetState> | undefined;
  /**
   * Resolves when every background load has ended, with the report of each dataset that was
   * loaded (none for one already there or failed). A stop does not wait: the load is cut short
   * and runs again next start.
   */
  settled(): Promise<{ hsg?: HsgReport }>;
}

export function startDatasetLoads(db: Db, log: Logger, datasets: SeedDataset[]): DatasetLoads {
  const states: Record<string, DatasetState> = {};
  const running: Promise<void>[] = [];
  const reports: { hsg?: HsgReport } = {};
  if (datasets.includes('hsg')) {
    const state: DatasetState = { status: 'loading' };
    states.hsg = state;
    let lastLogged = -1;
    running.push(
      ensureHsg(db, {
        onProgress: (done, total) => {
          Object.assign(state, { done, total });
          const tenth = Math.floor((done / Math.max(total, 1)) * 10);
          if (tenth !== lastLogged) {
            lastLogged = tenth;
            log.info({ dataset: 'hsg', done, total }, 'loading the Office of the Historian records');
          }
        },
      }).then(
        (report) => {
          state.status = 'loaded';
          if (report) {
            reports.hsg = report;
            log.info({ dataset: 'hsg', failed: report.import.failed.length, ms: report.import.ms }, formatHsgReport(report));
          } else log.info({ dataset: 'hsg' }, 'Office of the Historian records already loaded');
        },
        (err: unknown) => {
          state.status = 'failed';
          state.error = (err as Error).message;
          log.error({ err, dataset: 'hsg' }, 'loading the Office of the Historian records failed');
        },
      ),
    );
  }
  return {
    state: () => (Object.keys(states).length > 0 ? states : undefined),
    settled: async () => {
      await Promise.allSettled(running);
      return reports;
    },
  };
}
