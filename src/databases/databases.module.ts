import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Database } from './database.entity';
import { DatabasesService } from './databases.service';

/** The catalogue of building-planning databases; `/api/admin/databases` is served by the admin module. */
@Module({
  imports: [TypeOrmModule.forFeature([Database])],
  providers: [DatabasesService],
  exports: [DatabasesService],
})
export class DatabasesModule {}
