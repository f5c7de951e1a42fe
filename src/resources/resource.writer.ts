import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ApiError, BadRequest, NotFound } from '../common/errors/api-error';
import { NoRowChanged, PreparedSql, Statement } from '../database/prepared-sql';
import { DatabaseVisibility } from './database-visibility';
import { ChangeStatements } from './delta/change.statements';
import { FieldValues, validateEntityBody } from './entity-body.validator';
import { QueryEngine, Row } from './query.engine';
import type { EntitySetDefinition } from './sets/entity-set';
import { findEntitySet, navigationsOf } from './sets';
import { storageDate, toSqlParam } from './sql/sql-dialect';

/** `If-Match` of a PATCH or DELETE: the entity's version (its change number) or `*` (any). */
export type Precondition = number | '*' | undefined;

/** 412: the entity changed since the client read it (If-Match, RFC 9110 §13.1.1). */
export class PreconditionFailed extends ApiError {
  constructor(message: string) {
    super(412, 'precondition_failed', message);
  }
}

/**
 * POST / PATCH / DELETE of one entity, validated against its declaration. Every write checks
 * first, here and nowhere else, that the principal may write to the database: a
 * read-only credential, a missing `write` scope or read access only are refused whoever calls.
 * Each write draws a change number in the same transaction as the row (delta sync); a deletion
 * leaves tombstones for the row and for the rows its foreign keys cascade to.
 */
@Injectable()
export class ResourceWriter {
  private readonly sql: PreparedSql;
  private readonly changes: ChangeStatements;

  constructor(
    dataSource: DataSource,
    private readonly engine: QueryEngine,
    private readonly visibility: DatabaseVisibility,
  ) {
    this.sql = PreparedSql.of(dataSource);
    this.changes = new ChangeStatements(engine.dialect);
  }

  async create(principal: Principal | undefined, databaseId: string, set: EntitySetDefinition, body: unknown): Promise<Row> {
    await this.visibility.assertWritable(principal, databaseId);
    const values = validateEntityBody(set, body, 'create');
    await this.checkReferences(databaseId, values);
    const q = this.engine.dialect.quote;
    const columns = ['database_id', ...[...values.keys()].map((field) => field.column), 'updated_at'];
    const params = [databaseId, ...[...values].map(([field, value]) => toSqlParam(field, value)), storageDate(new Date()), databaseId];
    const insert = `INSERT INTO ${q(set.table)} (${[...columns, 'change_number'].map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}, ${this.changes.drawn})`;
    const [, inserted] = await this.sql.transaction([this.changes.bump(databaseId), { sql: insert, params }]);
    return (await this.engine.findByKey(databaseId, set, inserted.insertId))!;
  }

  async update(
    principal: Principal | undefined,
    databaseId: string,
    set: EntitySetDefinition,
    id: number,
    body: unknown,
    ifMatch?: Precondition,
  ): Promise<Row> {
    await this.visibility.assertWritable(principal, databaseId);
    const values = validateEntityBody(set, body, 'update');
    await this.assertExists(databaseId, set, id);
    await this.checkReferences(databaseId, values);
    const q = this.engine.dialect.quote;
    const assignments = [...values.keys()]
      .map((field) => `${q(field.column)} = ?`)
      .concat(`${q('updated_at')} = ?`, `${q('change_number')} = ${this.changes.drawn}`);
    const version = typeof ifMatch === 'number' ? [ifMatch] : [];
    const update: Statement = {
      sql: `UPDATE ${q(set.table)} SET ${assignments.join(', ')} WHERE ${q('database_id')} = ? AND ${q('id')} = ?${version.length ? ` AND ${q('change_number')} = ?` : ''}`,
      params: [
        ...[...values].map(([field, value]) => toSqlParam(field, value)),
        storageDate(new Date()),
        databaseId,
        databaseId,
        id,
        ...version,
      ],
      required: true,
    };
    await this.guarded(databaseId, set, id, [this.changes.bump(databaseId), update]);
    return (await this.engine.findByKey(databaseId, set, id))!;
  }

  async delete(
    principal: Principal | undefined,
    databaseId: string,
    set: EntitySetDefinition,
    id: number,
    ifMatch?: Precondition,
  ): Promise<void> {
    await this.visibility.assertWritable(principal, databaseId);
    await this.assertExists(databaseId, set, id);
    const q = this.engine.dialect.quote;
    const now = storageDate(new Date());
    await this.guarded(databaseId, set, id, [
      this.changes.bump(databaseId),
      this.changes.tombstone(databaseId, set, id, now, typeof ifMatch === 'number' ? ifMatch : undefined),
      ...navigationsOf(set)
        .filter((navigation) => navigation.collection)
        .map((navigation) => this.changes.cascaded(databaseId, navigation, id, now)),
      { sql: `DELETE FROM ${q(set.table)} WHERE ${q('database_id')} = ? AND ${q('id')} = ?`, params: [databaseId, id] },
    ]);
  }

  /** Runs a write; when its guarded statement changed nothing, tells a vanished entity (404) from a changed one (412). */
  private async guarded(databaseId: string, set: EntitySetDefinition, id: number, statements: Statement[]): Promise<void> {
    try {
      await this.sql.transaction(statements);
    } catch (error) {
      if (!(error instanceof NoRowChanged)) throw error;
      await this.assertExists(databaseId, set, id);
      throw new PreconditionFailed(`${set.entityType} ${id} has changed since it was read (If-Match); read it again and retry`);
    }
  }

  private async assertExists(databaseId: string, set: EntitySetDefinition, id: number): Promise<void> {
    if (!(await this.engine.findByKey(databaseId, set, id, [set.key])))
      throw new NotFound(`There is no ${set.entityType.toLowerCase()} ${id} in ${set.name}`);
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
