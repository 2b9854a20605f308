/** `npm start`: the whole service, on the embedded Neo4j unless NEO4J_URI says otherwise. */
// First: before anything loads graphql.
import './productionMode.js';
import { loadConfig } from './config.js';
import { StartupProblem } from './db/startupProblems.js';
import { createLogger } from './log.js';
import { startService } from './service.js';
import { welcome } from './welcome.js';

const config = loadConfig();
const log = createLogger(config.logLevel, config.logFormat);

try {
  const service = await startService(config, log);
  log.info({ graphql: `${service.url}/graphql`, explorer: `${service.url}/` }, 'service ready');
  process.stdout.write(welcome(service.url, config));
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof StartupProblem) {
    // A foreseeable condition: one line that says what to do; Java's or Maven's output only at debug level.
    log.debug({ detail: err.detail }, 'start-up problem details');
    log.fatal(`could not start: ${err.message}`);
  } else {
    log.fatal({ err }, 'could not start');
  }
  process.exitCode = 1;
}
