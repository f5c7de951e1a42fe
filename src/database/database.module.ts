import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { openDataSource } from './database-connection';
import { dataSourceOptions } from './data-source-options';

const stderrLine = (line: string) => void process.stderr.write(`${line}\n`);

/** The configuration each options object was made from (the data source factory is handed only the options). */
const configOf = new WeakMap<object, TesseraConfig>();

function optionsFor(config: TesseraConfig) {
  const options = { ...dataSourceOptions(config.database), toRetry: () => false };
  configOf.set(options, config);
  return options;
}

async function open(options: DataSourceOptions | undefined) {
  const config = options && configOf.get(options);
  if (!config) throw new Error('DatabaseModule: the data source options lost their configuration');
  return openDataSource(options, config.database, { seconds: config.databaseWaitSeconds, say: stderrLine });
}

/**
 * The TypeORM data source (SQLite or MySQL, DESIGN §2); migrations run when it opens. Waiting for
 * an unreachable database is `openDataSource`'s (one notice, one closing line), not Nest's retry loop
 * (silent for its first 3 s, a stack trace per attempt).
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [TESSERA_CONFIG],
      useFactory: optionsFor,
      dataSourceFactory: open,
    }),
  ],
})
export class DatabaseModule {}
