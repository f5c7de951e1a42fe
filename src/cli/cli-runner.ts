import { INestApplicationContext } from '@nestjs/common';
import { EnvSource, loadConfig } from '../config/load-config';
import { TesseraConfig } from '../config/tessera-config';
import { CliOutput } from './cli-output';
import { withTessera } from './tessera-context';

/** What every command is handed: the validated configuration, where to write, and standard input. */
export interface CliContext {
  env: EnvSource;
  output: CliOutput;
  stdin: NodeJS.ReadableStream;
}

export function configOf(context: CliContext): TesseraConfig {
  return loadConfig(context.env);
}

/** Runs a command's work inside Tessera (all of its services, no HTTP), closed afterwards. */
export function insideTessera<T>(
  context: CliContext,
  work: (tessera: INestApplicationContext, config: TesseraConfig) => Promise<T>,
): Promise<T> {
  const config = configOf(context);
  return withTessera(config, (tessera) => work(tessera, config));
}
