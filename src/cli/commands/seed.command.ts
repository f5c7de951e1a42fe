import { Command, InvalidArgumentError } from 'commander';
import { ResourceSeeder } from '../../resources/seeds/resource-seeder';
import { CliContext } from '../cli-runner';
import { withDatabase } from './migrate.command';

interface Options {
  database: string;
  name?: string;
  rooms: number;
  items?: number;
  occurrences?: number;
  public?: boolean;
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a positive whole number');
  return Number(value);
}

export function seedCommand(context: CliContext): Command {
  return new Command('seed')
    .summary('add a database of generated rooms, items and occurrences')
    .description('Add a building-planning database filled with deterministic rooms, items and occurrences (benchmarks, trials).')
    .option('--database <id>', 'the database id (its URL segment: /api/database/<id>/rooms)', 'bench')
    .option('--name <text>', 'its display name (default: "Database <id>")')
    .option('--rooms <count>', 'how many rooms', positiveInteger, 10000)
    .option('--items <count>', 'how many items (default: rooms / 10)', positiveInteger)
    .option('--occurrences <count>', 'how many occurrences (default: as many as rooms)', positiveInteger)
    .option('--public', 'readable by every signed-in principal with the read scope')
    .addHelpText('after', '\nExample:\n  tessera seed --rooms 1000000 --database bench   # about 35 s on SQLite')
    .action((options: Options) =>
      withDatabase(context, async (dataSource) => {
        await dataSource.runMigrations();
        const size = {
          rooms: options.rooms,
          items: options.items ?? Math.max(1, Math.round(options.rooms / 10)),
          occurrences: options.occurrences ?? options.rooms,
        };
        const started = Date.now();
        await new ResourceSeeder(dataSource).seed(options.database, options.name ?? `Database ${options.database}`, size, options.public);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        context.output.notice(
          `Seeded database "${options.database}": ${size.rooms} rooms, ${size.items} items, ${size.occurrences} occurrences in ${seconds} s`,
        );
      }),
    );
}
