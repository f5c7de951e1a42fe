import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM data source (SQLite or MySQL, DESIGN §2); migrations run when it opens. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [TESSERA_CONFIG],
      useFactory: (config: TesseraConfig) => ({ ...dataSourceOptions(config.database), autoLoadEntities: true }),
    }),
  ],
})
export class DatabaseModule {}
