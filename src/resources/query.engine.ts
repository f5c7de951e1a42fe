import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedSql } from '../database/prepared-sql';
import { ExpandLoader } from './expand.loader';
import { planKeyOf, QueryOptions } from './odata/query-options';
import { encodeSkipToken } from './odata/skiptoken';
import { CHANGE_NUMBER, EntitySetDefinition, FieldDefinition } from './sets/entity-set';
import type { CompiledApply } from './sql/apply.compiler';
import { compileKeyset } from './sql/keyset.compiler';
import type { RawRow } from './sql/rows-json.writer';
import { CompiledQuery, compileQuery, dateFieldNames, outputColumn, readDates } from './sql/select.compiler';
import { MYSQL, SQLITE, SqlDialect } from './sql/sql-dialect';
import { registerSqliteFunctions } from './sql/sqlite-functions';

export type Row = Record<string, unknown>;

export interface PageRequest {
  readonly databaseId: string;
  readonly set: EntitySetDefinition;
  readonly options: QueryOptions;
  /** How many rows this page holds at most. */
  readonly pageSize: number;
  /** For a navigation path (`rooms(1)/occurrences`): the field fixed to the parent's key, and that key. */
  readonly scopeField?: FieldDefinition;
  readonly scopeValue?: number;
}

export interface Page {
  /** The page's rows as a JSON array, written straight from the raw rows (RowsJsonWriter). */
  readonly json: string;
  /** How many rows the page holds. */
  readonly count: number;
  /** Present when more rows follow: the `$skiptoken` of the next page. */
  readonly nextToken: string | undefined;
  readonly total: number | undefined;
}

const PLAN_CACHE_SIZE = 500;

/**
 * The one query engine behind both mounts: options → parameterized SQL (prepared statements on
 * TypeORM's connection, on SQLite and MySQL alike: PreparedSql) → rows ready to serialise. Compiled queries are
 * cached by their parsed options; a page reads one row more than it returns to know whether more exist.
 */
@Injectable()
export class QueryEngine {
  readonly dialect: SqlDialect;
  private readonly plans = new Map<string, CompiledQuery>();
  private readonly sql: PreparedSql;
  private readonly expander: ExpandLoader;

  constructor(dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'mysql' ? MYSQL : SQLITE;
    this.sql = PreparedSql.of(dataSource);
    this.expander = new ExpandLoader(this.sql, this.dialect);
    registerSqliteFunctions(dataSource);
  }

  async page(request: PageRequest): Promise<Page> {
    const { options, pageSize } = request;
    const plan = this.plan(request);
    const [rows, total] = await Promise.all([
      pageSize === 0 ? Promise.resolve([]) : this.readRows(request, plan),
      options.count ? this.count(request.databaseId, plan, request.scopeValue) : Promise.resolve(undefined),
    ]);
    const count = Math.min(rows.length, pageSize);
    const nextToken = rows.length > pageSize ? encodeSkipToken(plan.orderValues(rows[count - 1])) : undefined;
    const extra = await this.expander.extras(request.databaseId, plan.expands, count < rows.length ? rows.slice(0, count) : rows);
    return { json: plan.writer.write(rows, count, extra), count, nextToken, total };
  }

  async count(databaseId: string, plan: CompiledQuery, scopeValue?: number): Promise<number> {
    const params = [databaseId, ...plan.where.params, ...(plan.scoped ? [scopeValue] : [])];
    const [row] = await this.sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${plan.from} WHERE ${plan.where.sql}`, params);
    return Number(row.n);
  }

  /** A page of an aggregated (`$apply`) result, paged by offset: one row more tells whether more follow. */
  async aggregate(
    databaseId: string,
    apply: CompiledApply,
    skip: number,
    pageSize: number,
  ): Promise<{ json: string; count: number; more: boolean }> {
    const order = apply.orderBy ? ` ORDER BY ${apply.orderBy}` : '';
    const rows = await this.sql.rows(`${apply.select.sql}${order} LIMIT ? OFFSET ?`, [
      databaseId,
      ...apply.select.params,
      pageSize + 1,
      skip,
    ]);
    const count = Math.min(rows.length, pageSize);
    return { json: apply.writer.write(rows, count), count, more: rows.length > pageSize };
  }

  /** One entity by key with `$select` / `$expand`, and its version (change number, the ETag). */
  async entity(
    databaseId: string,
    set: EntitySetDefinition,
    options: QueryOptions,
    id: number,
  ): Promise<{ json: string; version: number } | undefined> {
    const request: PageRequest = { databaseId, set, options, pageSize: 1, scopeField: set.key, scopeValue: id };
    const plan = this.plan({ ...request, versioned: true });
    const rows = await this.readRows(request, plan);
    if (rows.length === 0) return undefined;
    const extra = await this.expander.extras(databaseId, plan.expands, rows.slice(0, 1));
    return { json: plan.writer.writeOne(rows[0], extra), version: Number(rows[0][plan.fetched.indexOf(CHANGE_NUMBER)]) };
  }

  /** The compiled query for these options, cached by what was parsed (planKeyOf). */
  plan(request: Pick<PageRequest, 'set' | 'options'> & { scopeField?: FieldDefinition; versioned?: boolean }): CompiledQuery {
    const key =
      planKeyOf(request.set, request.options) + (request.scopeField ? `/${request.scopeField.name}` : '') + (request.versioned ? '/v' : '');
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compileQuery(
        request.set,
        { ...request.options, scopeField: request.scopeField },
        this.dialect,
        request.versioned ? [CHANGE_NUMBER] : [],
      );
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, plan);
    }
    return plan;
  }

  async findByKey(databaseId: string, set: EntitySetDefinition, id: number, select = set.fields): Promise<Row | undefined> {
    const q = this.dialect.quote;
    const columns = select.map((field) => outputColumn(field, this.dialect)).join(', ');
    const rows = await this.sql.all<Row>(`SELECT ${columns} FROM ${q(set.table)} WHERE ${q('database_id')} = ? AND ${q('id')} = ?`, [
      databaseId,
      id,
    ]);
    readDates(rows, dateFieldNames(select, this.dialect), this.dialect);
    return rows[0];
  }

  private readRows(request: PageRequest, plan: CompiledQuery): Promise<RawRow[]> {
    const { options } = request;
    const params: unknown[] = [request.databaseId, ...plan.where.params, ...(plan.scoped ? [request.scopeValue] : [])];
    let where = plan.where.sql;
    if (options.skipToken) {
      const keyset = compileKeyset(options.orderBy, options.skipToken, this.dialect);
      where += ` AND ${keyset.sql}`;
      params.push(...keyset.params);
    }
    const offset = options.skipToken ? 0 : options.skip;
    params.push(request.pageSize + 1);
    if (offset > 0) params.push(offset);
    const sql = `SELECT ${plan.columns} FROM ${plan.from} WHERE ${where} ORDER BY ${plan.orderBy} LIMIT ?${offset > 0 ? ' OFFSET ?' : ''}`;
    return this.sql.rows(sql, params);
  }
}
