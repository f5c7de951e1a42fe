import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { BadRequest, NotFound } from '../common/errors/api-error';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { DatabaseVisibility } from './database-visibility';
import { parseFilterOnly, parseQueryOptions, QueryOptions, RawQuery, singleValues } from './odata/query-options';
import { parseSelect } from './odata/select.parser';
import { Page, QueryEngine, Row } from './query.engine';
import type { EntitySetDefinition } from './sets/entity-set';
import { findEntitySet } from './sets';

/** What `$top` means: the page size (REST, dRofus) or a cap on the whole result (OData). */
export type TopSemantics = 'page-size' | 'result-cap';

export interface CollectionResult {
  readonly set: EntitySetDefinition;
  readonly options: QueryOptions;
  readonly page: Page;
  readonly pageSize: number;
  /** The `$top` a next link carries, when there is a next link and `$top` was given. */
  readonly nextTop: number | undefined;
}

/** Reads for both mounts: visibility, set, options, one engine call. */
@Injectable()
export class ResourceReader {
  constructor(
    private readonly engine: QueryEngine,
    private readonly visibility: DatabaseVisibility,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async collection(principal: Principal | undefined, databaseId: string, setName: string, query: RawQuery, top: TopSemantics, preferredPageSize?: number): Promise<CollectionResult> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const set = entitySetNamed(setName);
    const options = parseQueryOptions(query, set);
    const serverPageSize = Math.min(preferredPageSize ?? this.config.paging.defaultSize, this.config.paging.maxSize);
    const pageSize = top === 'page-size'
      ? Math.min(options.top ?? serverPageSize, this.config.paging.maxSize)
      : Math.min(options.top ?? Number.MAX_SAFE_INTEGER, serverPageSize);
    let page = await this.engine.page({ databaseId, set, options, pageSize });
    let nextTop = top === 'page-size' ? options.top : undefined;
    if (top === 'result-cap' && options.top !== undefined && page.nextToken) {
      nextTop = options.top - page.count;
      if (nextTop <= 0) page = { ...page, nextToken: undefined };
    }
    return { set, options, page, pageSize, nextTop };
  }

  async count(principal: Principal | undefined, databaseId: string, setName: string, query: RawQuery): Promise<number> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const set = entitySetNamed(setName);
    const filter = parseFilterOnly(query, set);
    const plan = this.engine.plan({ set, options: { ...parseQueryOptions({}, set), filter } });
    return this.engine.count(databaseId, plan);
  }

  async entity(principal: Principal | undefined, databaseId: string, setName: string, key: string, query: RawQuery): Promise<{ set: EntitySetDefinition; row: Row }> {
    await this.visibility.assertReadable(principal, databaseId, query.client_id);
    const set = entitySetNamed(setName);
    const select = parseSelect(singleValues(query).$select, set);
    const row = await this.engine.findByKey(databaseId, set, parseKey(set, key), select);
    if (!row) throw new NotFound(`There is no ${set.entityType.toLowerCase()} ${key} in ${set.name}`);
    return { set, row };
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
