import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/load-config';
import { dataSourceOptions } from './src/database/data-source-options';

/**
 * The data source for the TypeORM CLI (`npm run migration:generate`); reads DATABASE_URL like the
 * app. Running and reverting: `npx tessera migrate|migrate:revert`. `migration:generate` compares
 * the entities with the schema, so they are found here by file name (the app loads the ones its
 * modules register).
 */
export default new DataSource({ ...dataSourceOptions(loadConfig().database), entities: ['src/**/*.entity.ts'], migrationsRun: false });
