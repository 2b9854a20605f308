/**
 * Foreseeable reasons the embedded Neo4j cannot start, each told in one line that says what to
 * do. The Java or Maven output behind it is kept in `detail` (logged at debug level), never
 * printed to a user's terminal as a stack trace.
 */
import net from 'node:net';

export class StartupProblem extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
    this.name = 'StartupProblem';
  }
}

const OR_EXTERNAL = 'or set NEO4J_URI to a Neo4j you run yourself';

export function javaMissing(): StartupProblem {
  return new StartupProblem(`The embedded Neo4j needs Java 17 or later and \`java\` is not on the PATH: install it (e.g. \`apt-get install openjdk-17-jre-headless\`), ${OR_EXTERNAL}.`);
}

export function mavenMissing(): StartupProblem {
  return new StartupProblem(`The first start fetches Neo4j's jars with Maven and \`mvn\` is not on the PATH: install it (e.g. \`apt-get install maven\`), ${OR_EXTERNAL}.`);
}

export function storeLocked(dataDir: string, detail?: string): StartupProblem {
  return new StartupProblem(
    `The database in ${dataDir} is in use by another process (an import, seed or service that started its own Neo4j): wait for it or stop it, or set NEO4J_LOCAL_DATA to another folder.`,
    detail,
  );
}

export function portInUse(port: number): StartupProblem {
  return new StartupProblem(`Port ${port} on 127.0.0.1, which the embedded Neo4j's Bolt server needs, is in use by another program: set NEO4J_LOCAL_BOLT_PORT to a free port, or stop that program.`);
}

const LOCKED = /store_lock|Lock file has been locked|FileLockException/;
const BIND_FAILED = /Address already in use|BindException|PortBindException/;
const NO_NETWORK = /offline mode|Unknown host|UnknownHostException|Network is unreachable|Connection refused|Connect timed out|No route to host|Could not transfer|Could not resolve dependencies|could not be resolved/i;

/** Why the launcher exited before Neo4j was ready, from its last lines of output. */
export function neo4jStartFailure(output: string[], dataDir: string, port: number, exit: string): StartupProblem {
  const text = output.join('\n');
  if (LOCKED.test(text)) return storeLocked(dataDir, text);
  if (BIND_FAILED.test(text)) return portInUse(port);
  // Otherwise the last exception's own message: one line, without its stack.
  const cause = [...output].reverse().map((line) => /(?:Exception|Error): (.+)/.exec(line)?.[1]).find(Boolean);
  return new StartupProblem(`Neo4j stopped during start (${exit})${cause ? `: ${cause}` : ''}. Run with LOG_LEVEL=debug to see its output.`, text);
}

/** Why Maven could not fetch the jars. */
export function mavenFailure(output: string[], exitCode: number | null): StartupProblem {
  const text = output.join('\n');
  if (NO_NETWORK.test(text)) {
    return new StartupProblem(
      `The first start downloads Neo4j's jars (about 120 MB, once) from Maven Central, which could not be reached: connect to the network for this first start, ${OR_EXTERNAL}.`,
      text,
    );
  }
  return new StartupProblem(`Maven failed to fetch Neo4j's jars (exit ${exitCode}). Run with LOG_LEVEL=debug to see its output.`, text);
}

/** Refuses before starting Java when the Bolt port is already taken. */
export async function ensurePortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? portInUse(port) : err));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
