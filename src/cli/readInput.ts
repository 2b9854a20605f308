/** Reads the file a command was given, or exits with code 2 and one line saying why. */
import { readFile } from 'node:fs/promises';

export async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
