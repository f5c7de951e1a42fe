import 'reflect-metadata';
import { CommanderError } from 'commander';
import { ApiError } from '../common/errors/api-error';
import { StartError } from '../common/errors/start-error';
import { ConfigError } from '../config/config.error';
import { CliError } from './cli-error';
import { processOutput } from './cli-output';
import { cliProgram } from './cli.program';

/** `npx tessera <command>` (bin/tessera.js): runs one command and exits with its status. */
async function main(argv: string[]): Promise<number> {
  const program = cliProgram({ env: process.env, output: processOutput, stdin: process.stdin });
  if (argv.length <= 2) {
    program.outputHelp();
    return 1;
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return failed(error);
  }
}

/** Every failure is one line on stderr and a non-zero status; only a bug shows its stack. */
function failed(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode; // commander has written its line (or the help)
  const say = (line: string) => processOutput.notice(`tessera: ${line}`);
  if (error instanceof ConfigError) {
    say(`invalid configuration: ${error.problems.join('; ')}`);
    return 78;
  }
  if (error instanceof CliError || error instanceof ApiError || error instanceof StartError) {
    say(error.message);
    return 1;
  }
  say(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  return 1;
}

void main(process.argv).then((code) => process.exit(code));
