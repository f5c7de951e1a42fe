import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { openDataSource } from '../../database/database-connection';
import { dataSourceOptions } from '../../database/data-source-options';
import { CliContext, configOf } from '../cli-runner';

export function migrateCommand(context: CliContext): Command {
  return new Command('migrate')
    .summary('apply pending migrations')
    .description('Apply the migrations the database has not had yet (Tessera also does this at start).')
    .action(() =>
      withDatabase(context, async (dataSource) => {
        const applied = await dataSource.runMigrations();
        if (applied.length === 0) context.output.notice('The database is up to date');
        for (const migration of applied) context.output.result(`applied ${migration.name}`);
      }),
    );
}

export function migrateRevertCommand(context: CliContext): Command {
  return new Command('migrate:revert')
    .summary('undo the most recent migration')
    .description('Undo the most recent migration. Tessera applies it again at its next start (or `tessera migrate`).')
    .action(() =>
      withDatabase(context, async (dataSource) => {
        const [last] = await dataSource.query(
          `SELECT name FROM migrations ORDER BY ${dataSource.driver.escape('timestamp')} DESC, id DESC LIMIT 1`,
        );
        if (!last) {
          context.output.notice('No migration has been applied: nothing to revert');
          return;
        }
        await dataSource.undoLastMigration();
        context.output.result(`reverted ${last.name}`);
      }),
    );
}

/** The bare data source, migrations left to the command. */
export async function withDatabase(context: CliContext, work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const config = configOf(context);
  const options = { ...dataSourceOptions(config.database), migrationsRun: false };
  const dataSource = await openDataSource(options, config.database, { seconds: config.databaseWaitSeconds, say: context.output.notice });
  try {
    await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
