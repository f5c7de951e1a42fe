import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/load-config';
import { dataSourceOptions } from '../../database/data-source-options';
import { ResourceSeeder } from './resource-seeder';

/**
 * `npm run seed -- --rooms 1000000 [--database bench] [--items N] [--occurrences N] [--name "…"] [--public]`
 * Adds a database with that many deterministic rows to the configured DATABASE_URL.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'bench' },
      name: { type: 'string' },
      rooms: { type: 'string', default: '10000' },
      items: { type: 'string' },
      occurrences: { type: 'string' },
      public: { type: 'boolean', default: false },
    },
  });
  const rooms = positiveInteger('rooms', values.rooms!);
  const items = values.items ? positiveInteger('items', values.items) : Math.max(1, Math.round(rooms / 10));
  const occurrences = values.occurrences ? positiveInteger('occurrences', values.occurrences) : rooms;
  const dataSource = await new DataSource(dataSourceOptions(loadConfig().database)).initialize();
  const started = Date.now();
  try {
    await new ResourceSeeder(dataSource).seed(values.database!, values.name ?? `Database ${values.database}`, { rooms, items, occurrences }, values.public);
  } finally {
    await dataSource.destroy();
  }
  process.stderr.write(`Seeded database "${values.database}": ${rooms} rooms, ${items} items, ${occurrences} occurrences in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function positiveInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a positive whole number (got "${value}")`);
  return Number(value);
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
