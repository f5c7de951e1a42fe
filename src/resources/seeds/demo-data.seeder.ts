import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { ResourceSeeder } from './resource-seeder';

/** The demo databases: `01` is the one the seeds query; `02` shows partial access. */
export const DEMO_DATABASES = [
  { id: '01', name: 'Riverside Hospital', size: { rooms: 3000, items: 400, occurrences: 6000 } },
  { id: '02', name: 'Harbour Office Tower', size: { rooms: 800, items: 150, occurrences: 1500 } },
] as const;

/** Fills an empty database with the demo data unless SEED_DEMO=false. */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const [{ count }] = await this.dataSource.query('SELECT COUNT(*) AS count FROM project_databases');
    if (Number(count) > 0) return;
    const seeder = new ResourceSeeder(this.dataSource);
    for (const demo of DEMO_DATABASES) await seeder.seed(demo.id, demo.name, demo.size);
    this.logger.log(`Seeded demo databases ${DEMO_DATABASES.map((d) => d.id).join(', ')}`);
  }
}
