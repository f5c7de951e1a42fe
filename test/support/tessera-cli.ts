import { join } from 'node:path';
import { Finished, REPO, runToEnd } from './built-tessera';

const BIN = join(REPO, 'bin', 'tessera.js');

/** `npx tessera <args>` as an operator runs it: a process, on the database DATABASE_URL names. */
export function tesseraCli(args: string[], env: Record<string, string>, input = ''): Promise<Finished> {
  return runToEnd([BIN, ...args], { LOG_LEVEL: 'error', ...env }, { input, timeoutMs: 120_000 });
}
