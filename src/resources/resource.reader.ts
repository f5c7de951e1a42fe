import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { BadRequest, NotFound } from '../common/errors/api-error';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { DatabaseVisibility } from './database-visibility';
import { decodeDeltaCursor, decodeDeltaToken, encodeDeltaToken } from './delta/delta-token';
import { DeltaPage, DeltaReader } from './delta/delta.reader';
import { NotImplemented } from './odata/not-implemented.error';
import { parseApply } from './odata/apply.parser';
import { parseNonNegativeInteger } from './odata/paging.parser';
import { isAggregation, parseFilterOnly, parseQueryOptions, QueryOptions, RawQuery, singleValues } from './odata/query-options';
import type { QueryPairs } from './links';
import { compileApply } from './sql/apply.compiler';
import { Page, QueryEngine } from './query.engine';
import type { EntitySetDefinition, FieldDefinition } from './sets/entity-set';
import { findEntitySet, findNavigation } from './sets';
import type { NavigationDefinition } from './sets/navigation';

/** What `$top` means: the page size (REST, dRofus) or a cap on the whole result (OData). */
export type TopSemantics = 'page-size' | 'result-cap';

/** A collection reached through a navigation property: `rooms(1)/occurrences`. */
export interface ParentPath {
  readonly set: string;
  readonly key: string;
  readonly navigation: string;
}

export interface CollectionResult {
  readonly set: EntitySetDefinition;
  readonly options: QueryOptions;
  readonly page: Page;
  readonly pageSize: number;
  /** The `$top` a next link carries, when there is a next link and `$top` was given. */
  readonly nextTop: number | undefined;
  /** For a pull with change tracking: the delta token every page carries (`tracking=`) and the last page's delta link uses. */
  readonly tracking: string | undefined;
}

export interface DeltaResult {
  readonly set: EntitySetDefinition;
  readonly options: QueryOptions;
  readonly page: DeltaPage;
  /** The `$deltatoken` this page was read with (next links keep it). */
  readonly token: string;
}

export interface AggregationResult {
  readonly set: EntitySetDefinition;
  /** The properties of each result row: grouped fields, then aggregate aliases. */
  readonly fields: readonly FieldDefinition[];
  readonly json: string;
  /** The query of the next page, when more rows follow. */
  readonly next: QueryPairs | undefined;
}

/** Options that cannot accompany an aggregating `$apply`: its result has other properties. */
const AGGREGATION_REFUSED = ['$select', '$expand', '$filter', '$search', '$count', '$skiptoken', '$deltatoken'];

/** Options a delta link keeps; the order is by change, so the others do not apply. */
const DELTA_REFUSED = ['$orderby', '$top', '$skip', '$count', '$expand'];

export interface EntityResult {
  readonly set: EntitySetDefinition;
  readonly options: QueryOptions;
  /** The entity as a JSON object text, expanded navigation properties included. */
  readonly json: string;
  /** Its version (change number): the ETag. */
  readonly version: number;
}

/** Scopes a collection to one parent: the plan fixes `field`, the request supplies `value`. */
interface Scope {
  readonly scopeField: FieldDefinition;
  readonly scopeValue: number;
}

/** Reads for both mounts: visibility, set, options, one engine call. */
@Injectable()
export class ResourceReader {
  constructor(
    private readonly engine: QueryEngine,
    private readonly visibility: DatabaseVisibility,
    private readonly deltas: DeltaReader,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  /**
   * A page of a collection. With `track` (Prefer: odata.track-changes, or a next link's
   * `tracking=`), the change number current BEFORE the first page is read becomes the delta
   * token, so a change made while the client pages is in the delta even if a page missed it.
   */
  async collection(
    principal: Principal | undefined,
    databaseId: string,
    setName: string,
    query: RawQuery,
    top: TopSemantics,
    preferredPageSize?: number,
    parent?: ParentPath,
    track = false,
  ): Promise<CollectionResult> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const { set, scope } = parent ? await this.related(databaseId, parent) : { set: entitySetNamed(setName), scope: undefined };
    const options = parseQueryOptions(query, set);
    const tracking = await this.trackingToken(databaseId, query, track, options);
    const serverPageSize = Math.min(preferredPageSize ?? this.config.paging.defaultSize, this.config.paging.maxSize);
    const pageSize =
      top === 'page-size'
        ? Math.min(options.top ?? serverPageSize, this.config.paging.maxSize)
        : Math.min(options.top ?? Number.MAX_SAFE_INTEGER, serverPageSize);
    let page = await this.engine.page({ databaseId, set, options, pageSize, ...scope });
    let nextTop = top === 'page-size' ? options.top : undefined;
    if (top === 'result-cap' && options.top !== undefined && page.nextToken) {
      nextTop = options.top - page.count;
      if (nextTop <= 0) page = { ...page, nextToken: undefined };
    }
    return { set, options, page, pageSize, nextTop, tracking };
  }

  /** `GET …?$deltatoken=`: the changes since the token, paged; `$filter` and `$select` apply. */
  async delta(
    principal: Principal | undefined,
    databaseId: string,
    setName: string,
    query: RawQuery,
    preferredPageSize?: number,
  ): Promise<DeltaResult> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const set = entitySetNamed(setName);
    const values = singleValues(query);
    const refused = DELTA_REFUSED.find((name) => values[name] !== undefined);
    if (refused)
      throw new NotImplemented(`${refused} cannot be combined with a delta link; changes come in the order they were made`, refused);
    // An $apply of filters only is a filter (its pull's delta link carries it); a grouping is not.
    if (isAggregation(query, set)) throw new NotImplemented('a grouping $apply cannot be combined with a delta link', '$apply');
    const options = parseQueryOptions(withoutTokens(query), set);
    const token = decodeDeltaToken(values.$deltatoken!);
    const pageSize = Math.min(preferredPageSize ?? this.config.paging.defaultSize, this.config.paging.maxSize);
    const page = await this.deltas.page(databaseId, set, options, token, decodeDeltaCursor(values.$skiptoken), pageSize);
    return { set, options, page, token: values.$deltatoken! };
  }

  /** `$apply` with groupby / aggregate: computed in SQL, `$orderby` / `$top` / `$skip` over the result. */
  async aggregation(
    principal: Principal | undefined,
    databaseId: string,
    setName: string,
    query: RawQuery,
    top: TopSemantics,
  ): Promise<AggregationResult> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const set = entitySetNamed(setName);
    const values = singleValues(query);
    const refused = AGGREGATION_REFUSED.find((name) => values[name] !== undefined);
    if (refused)
      throw new NotImplemented(
        `${refused} cannot be combined with an aggregating $apply; put filters in $apply=filter(…)/groupby(…)`,
        refused,
      );
    const apply = compileApply(set, parseApply(values.$apply!, set), values.$orderby, this.engine.dialect);
    const topValue = parseNonNegativeInteger('$top', values.$top);
    const skip = parseNonNegativeInteger('$skip', values.$skip) ?? 0;
    const pageSize =
      top === 'page-size'
        ? Math.min(topValue ?? this.config.paging.defaultSize, this.config.paging.maxSize)
        : Math.min(topValue ?? Number.MAX_SAFE_INTEGER, this.config.paging.defaultSize);
    const page = await this.engine.aggregate(databaseId, apply, skip, pageSize);
    const remaining = top === 'result-cap' && topValue !== undefined ? topValue - page.count : undefined;
    // A page of size 0 (`$top=0`) has no next page: its link would name itself.
    const more = pageSize > 0 && page.more && (remaining === undefined || remaining > 0);
    const kept = (['$apply', '$orderby', 'client_id'] as const)
      .filter((name) => values[name] !== undefined)
      .map((name) => [name, values[name]!] as const);
    const nextTop = top === 'page-size' ? topValue : remaining;
    const next: QueryPairs | undefined = more
      ? [...kept, ...(nextTop !== undefined ? [['$top', nextTop] as const] : []), ['$skip', skip + page.count]]
      : undefined;
    return { set, fields: apply.fields, json: page.json, next };
  }

  private async trackingToken(databaseId: string, query: RawQuery, track: boolean, options: QueryOptions): Promise<string | undefined> {
    const carried = singleValues(query).tracking;
    if (carried !== undefined) return encodeDeltaToken(decodeDeltaToken(carried, 'tracking'));
    if (!track || options.expand.length > 0) return undefined;
    return encodeDeltaToken({ after: await this.deltas.currentChange(databaseId), issuedAt: Date.now() });
  }

  async count(
    principal: Principal | undefined,
    databaseId: string,
    setName: string,
    query: RawQuery,
    parent?: ParentPath,
  ): Promise<number> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const { set, scope } = parent ? await this.related(databaseId, parent) : { set: entitySetNamed(setName), scope: undefined };
    const filter = parseFilterOnly(query, set);
    const plan = this.engine.plan({ set, options: { ...parseQueryOptions({}, set), filter }, scopeField: scope?.scopeField });
    return this.engine.count(databaseId, plan, scope?.scopeValue);
  }

  /** One entity with `$select` and `$expand`, read through the same plans as a page (scoped to its key). */
  async entity(principal: Principal | undefined, databaseId: string, setName: string, key: string, query: RawQuery): Promise<EntityResult> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    return this.entityOf(databaseId, entitySetNamed(setName), key, query);
  }

  /** `occurrences(5)/room`: the entity a single-valued navigation property of another one names. */
  async relatedEntity(principal: Principal | undefined, databaseId: string, parent: ParentPath, query: RawQuery): Promise<EntityResult> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const navigation = this.navigationOf(parent);
    const source = await this.engine.findByKey(databaseId, navigation.source, parseKey(navigation.source, parent.key), [
      navigation.sourceField,
    ]);
    if (!source) throw notFoundIn(navigation.source, parent.key);
    const value = source[navigation.sourceField.name];
    if (value === null || value === undefined)
      throw new NotFound(`${navigation.source.entityType.toLowerCase()} ${parent.key} has no ${navigation.name}`);
    return this.entityOf(databaseId, navigation.target, String(value), query);
  }

  private async entityOf(databaseId: string, set: EntitySetDefinition, key: string, query: RawQuery): Promise<EntityResult> {
    const { $select, $expand, $format } = singleValues(query);
    const given = Object.entries({ $select, $expand, $format }).filter(([, value]) => value !== undefined);
    const options = parseQueryOptions(Object.fromEntries(given), set);
    const entity = await this.engine.entity(databaseId, set, options, parseKey(set, key));
    if (!entity) throw notFoundIn(set, key);
    return { set, options, ...entity };
  }

  /** The target set of `rooms(1)/occurrences`, scoped to the parent, which must exist (else 404). */
  private async related(databaseId: string, parent: ParentPath): Promise<{ set: EntitySetDefinition; scope: Scope }> {
    const navigation = this.navigationOf(parent);
    if (!navigation.collection)
      throw new BadRequest(`${navigation.name} is a single ${navigation.target.entityType}; read it as an entity`, navigation.name);
    const id = parseKey(navigation.source, parent.key);
    if (!(await this.engine.findByKey(databaseId, navigation.source, id, [navigation.source.key])))
      throw notFoundIn(navigation.source, parent.key);
    return { set: navigation.target, scope: { scopeField: navigation.targetField, scopeValue: id } };
  }

  private navigationOf(parent: ParentPath): NavigationDefinition {
    const source = entitySetNamed(parent.set);
    const navigation = findNavigation(source, parent.navigation);
    if (!navigation) throw new NotFound(`${source.name} has no navigation property "${parent.navigation}"`, parent.navigation);
    return navigation;
  }
}

export function entitySetNamed(name: string): EntitySetDefinition {
  const set = findEntitySet(name);
  if (!set) throw new NotFound(`There is no entity set "${name}"`, name);
  return set;
}

/** An entity key: a whole number (`42`); anything else cannot name a row. */
export function parseKey(set: EntitySetDefinition, key: string): number {
  if (!/^\d{1,10}$/.test(key) || Number(key) > 2_147_483_647) {
    throw new BadRequest(`"${key}" is not a valid key for ${set.name}; keys are whole numbers, e.g. ${set.name}/42`, 'key');
  }
  return Number(key);
}

function withoutTokens(query: RawQuery): RawQuery {
  return Object.fromEntries(Object.entries(query).filter(([name]) => !['$deltatoken', '$skiptoken'].includes(name.toLowerCase())));
}

function notFoundIn(set: EntitySetDefinition, key: string): NotFound {
  return new NotFound(`There is no ${set.entityType.toLowerCase()} ${key} in ${set.name}`);
}

/** Is this navigation property a collection? For the mounts' path parsing. */
export function isCollectionPath(parent: ParentPath): boolean {
  const source = findEntitySet(parent.set);
  return source ? (findNavigation(source, parent.navigation)?.collection ?? true) : true;
}
