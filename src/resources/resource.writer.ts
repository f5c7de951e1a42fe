import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { BadRequest, NotFound } from '../common/errors/api-error';
import { DatabaseVisibility } from './database-visibility';
import { FieldValues, validateEntityBody } from './entity-body.validator';
import { QueryEngine, Row } from './query.engine';
import type { EntitySetDefinition } from './sets/entity-set';
import { findEntitySet } from './sets';
import { storageDate, toSqlParam } from './sql/sql-dialect';

/**
 * POST / PATCH / DELETE of one entity, validated against its declaration. Every write checks
 * first, here and nowhere else, that the principal may write to the database (DESIGN §6): a
 * read-only credential, a missing `write` scope or read access only are refused whoever calls.
 */
@Injectable()
export class ResourceWriter {
  constructor(private readonly dataSource: DataSource, private readonly engine: QueryEngine, private readonly visibility: DatabaseVisibility) {}

  async create(principal: Principal | undefined, databaseId: string, set: EntitySetDefinition, body: unknown): Promise<Row> {
    await this.visibility.assertWritable(principal, databaseId);
    const values = validateEntityBody(set, body, 'create');
    await this.checkReferences(databaseId, values);
    const columns = ['database_id', ...[...values.keys()].map((field) => field.column), 'updated_at'];
    const params = [databaseId, ...[...values].map(([field, value]) => toSqlParam(field, value)), storageDate(new Date())];
    const q = this.engine.dialect.quote;
    const result: unknown = await this.dataSource.query(
      `INSERT INTO ${q(set.table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      params,
    );
    const id = typeof result === 'number' || typeof result === 'bigint' ? Number(result) : Number((result as { insertId: number }).insertId);
    return (await this.engine.findByKey(databaseId, set, id))!;
  }

  async update(principal: Principal | undefined, databaseId: string, set: EntitySetDefinition, id: number, body: unknown): Promise<Row> {
    await this.visibility.assertWritable(principal, databaseId);
    const values = validateEntityBody(set, body, 'update');
    await this.assertExists(databaseId, set, id);
    await this.checkReferences(databaseId, values);
    const q = this.engine.dialect.quote;
    const assignments = [...values.keys()].map((field) => `${q(field.column)} = ?`).concat(`${q('updated_at')} = ?`);
    const params = [...[...values].map(([field, value]) => toSqlParam(field, value)), storageDate(new Date()), databaseId, id];
    await this.dataSource.query(`UPDATE ${q(set.table)} SET ${assignments.join(', ')} WHERE ${q('database_id')} = ? AND ${q('id')} = ?`, params);
    return (await this.engine.findByKey(databaseId, set, id))!;
  }

  async delete(principal: Principal | undefined, databaseId: string, set: EntitySetDefinition, id: number): Promise<void> {
    await this.visibility.assertWritable(principal, databaseId);
    await this.assertExists(databaseId, set, id);
    const q = this.engine.dialect.quote;
    await this.dataSource.query(`DELETE FROM ${q(set.table)} WHERE ${q('database_id')} = ? AND ${q('id')} = ?`, [databaseId, id]);
  }

  private async assertExists(databaseId: string, set: EntitySetDefinition, id: number): Promise<void> {
    if (!(await this.engine.findByKey(databaseId, set, id, [set.key]))) throw new NotFound(`There is no ${set.entityType.toLowerCase()} ${id} in ${set.name}`);
  }

  /** An occurrence's room and item must exist in the same database. */
  private async checkReferences(databaseId: string, values: FieldValues): Promise<void> {
    for (const [field, value] of values) {
      const target = field.references ? findEntitySet(field.references.set) : undefined;
      if (!target || value === null) continue;
      if (!(await this.engine.findByKey(databaseId, target, Number(value), [target.key]))) {
        throw new BadRequest(`"${field.name}" ${value} is not an id in ${target.name} of this database`, field.name, 'invalid_value');
      }
    }
  }
}
