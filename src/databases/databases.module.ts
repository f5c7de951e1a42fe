import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoDataSeeder } from '../database/seeds/demo-data.seeder';
import { DatabasesController } from './databases.controller';
import { Database } from './database.entity';
import { DatabasesService } from './databases.service';

@Module({
  imports: [TypeOrmModule.forFeature([Database])],
  controllers: [DatabasesController],
  providers: [DatabasesService, DemoDataSeeder],
  exports: [DatabasesService],
})
export class DatabasesModule {}
