import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { openDataSource } from './database-connection';
import { dataSourceOptions } from './data-source-options';

const stderrLine = (line: string) => void process.stderr.write(`${line}\n`);

/**
 * The configuration the options were made from, under a symbol: the data source factory is handed
 * only the options, and a copy of them (autoLoadEntities adds the registered entities) keeps it.
 */
const CONFIG = Symbol('TesseraConfig');
type OptionsWithConfig = DataSourceOptions & { [CONFIG]?: TesseraConfig };

/** Entities are loaded from what the modules register (`TypeOrmModule.forFeature`), never listed here. */
function optionsFor(config: TesseraConfig) {
  return { ...dataSourceOptions(config.database), autoLoadEntities: true, toRetry: () => false, [CONFIG]: config };
}

async function open(options: DataSourceOptions | undefined) {
  const config = (options as OptionsWithConfig | undefined)?.[CONFIG];
  if (!options || !config) throw new Error('DatabaseModule: the data source options lost their configuration');
  return openDataSource(options, config.database, { seconds: config.databaseWaitSeconds, say: stderrLine });
}

/**
 * The TypeORM data source (SQLite or MySQL); migrations run when it opens. Waiting for
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
