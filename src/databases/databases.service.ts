import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Database } from './database.entity';

export interface DatabaseView {
  id: string;
  name: string;
  public: boolean;
}

/** The catalogue of building-planning databases (DESIGN §10 `databases`). */
@Injectable()
export class DatabasesService {
  constructor(@InjectRepository(Database) private readonly databases: Repository<Database>) {}

  findAll(): Promise<Database[]> {
    return this.databases.find({ order: { id: 'ASC' } });
  }

  findById(id: string): Promise<Database | null> {
    return this.databases.findOneBy({ id });
  }

  async create(input: DatabaseView): Promise<Database> {
    const database = this.databases.create({ ...input, createdAt: new Date() });
    await this.databases.insert(database);
    return database;
  }

  count(): Promise<number> {
    return this.databases.count();
  }
}

export function toDatabaseView(database: Database): DatabaseView {
  return { id: database.id, name: database.name, public: database.public };
}
