import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Conflict, NotFound } from '../common/errors/api-error';
import { Database } from './database.entity';
import { namedSchema } from '../common/openapi/schema-registry';

export interface DatabaseView {
  id: string;
  name: string;
  public: boolean;
}

/** The catalogue of building-planning databases (`{ id, name, public }`). */
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

  async list(): Promise<DatabaseView[]> {
    return (await this.findAll()).map(toDatabaseView);
  }

  /** Adds a database (409 when the id is taken). */
  async add(input: { id: string; name: string; public?: boolean }): Promise<DatabaseView> {
    if (await this.databases.existsBy({ id: input.id })) throw new Conflict(`A database with id "${input.id}" already exists`, 'id');
    return toDatabaseView(await this.create({ id: input.id, name: input.name, public: input.public ?? false }));
  }

  async update(id: string, changes: { name?: string; public?: boolean }): Promise<DatabaseView> {
    const database = await this.findById(id);
    if (!database) throw new NotFound(`There is no database "${id}"`, 'id');
    if (changes.name !== undefined) database.name = changes.name;
    if (changes.public !== undefined) database.public = changes.public;
    await this.databases.update({ id }, { name: database.name, public: database.public });
    return toDatabaseView(database);
  }

  count(): Promise<number> {
    return this.databases.count();
  }
}

export function toDatabaseView(database: Database): DatabaseView {
  return { id: database.id, name: database.name, public: database.public };
}

export const DATABASE_SCHEMA = namedSchema('Database', {
  type: 'object',
  required: ['id', 'name', 'public'],
  properties: {
    id: { type: 'string', example: 'demo' },
    name: { type: 'string', example: 'Demo building' },
    public: { type: 'boolean', description: 'Readable without a credential' },
  },
});
