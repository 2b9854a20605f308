/**
 * While `npm start` runs the embedded Neo4j, it leaves the Bolt address in the data folder, so
 * that the command-line tools (import, seed, db:reset) use that database instead of starting a
 * second Neo4j on the same files (which the store lock refuses).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SERVICE_FILE = 'running-service.json';

export interface ServiceAddress {
  /** Bolt URI of the running embedded Neo4j. */
  uri: string;
  /** The Node process that started it. */
  pid: number;
}

function fileIn(dataDir: string): string {
  return path.join(dataDir, SERVICE_FILE);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function writeServiceAddress(dataDir: string, address: ServiceAddress): void {
  writeFileSync(fileIn(dataDir), `${JSON.stringify(address)}\n`);
}

/** The address left by a service that still runs; a file left by a process that died is ignored. */
export function readServiceAddress(dataDir: string): ServiceAddress | undefined {
  let address: ServiceAddress;
  try {
    address = JSON.parse(readFileSync(fileIn(dataDir), 'utf8')) as ServiceAddress;
  } catch {
    return undefined;
  }
  if (typeof address.uri !== 'string' || typeof address.pid !== 'number' || !alive(address.pid)) return undefined;
  return address;
}

/** Removes the address, if it is this process's. */
export function removeServiceAddress(dataDir: string, pid = process.pid): void {
  try {
    const address = JSON.parse(readFileSync(fileIn(dataDir), 'utf8')) as ServiceAddress;
    if (address.pid === pid) rmSync(fileIn(dataDir), { force: true });
  } catch {
    // Nothing there, or not readable: nothing of ours to remove.
  }
}
