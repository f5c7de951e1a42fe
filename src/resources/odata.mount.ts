import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { BadRequest, NotFound } from '../common/errors/api-error';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { sendCompressible } from './compressed-reply';
import { DatabaseVisibility } from './database-visibility';
import { encodeDeltaCursor } from './delta/delta-token';
import { deltaPairs, hasDeltaToken, nextPairs, prefersTracking, queryString } from './links';
import { buildCsdl, buildCsdlJson } from './odata/csdl';
import { metadataDocument, metadataFormat } from './odata/metadata-format';
import type { ExpandItem } from './odata/expand.parser';
import { NotImplemented } from './odata/not-implemented.error';
import { isAggregation, RawQuery, singleValues } from './odata/query-options';
import { entityTag, matchesIfNoneMatch, MethodNotAllowed, parseIfMatch } from './etag';
import { entitySetNamed, EntityResult, isCollectionPath, ParentPath, parseKey, ResourceReader } from './resource.reader';
import type { Row } from './query.engine';
import { ResourceWriter } from './resource.writer';
import { ENTITY_SETS } from './sets';
import type { EntitySetDefinition, FieldDefinition } from './sets/entity-set';

export const ODATA_JSON = 'application/json;odata.metadata=minimal';
const CSDL = metadataDocument(buildCsdl(ENTITY_SETS), 'application/xml; charset=utf-8');
const CSDL_JSON = metadataDocument(buildCsdlJson(ENTITY_SETS), 'application/json; charset=utf-8');
const SERVICE_VALUE = JSON.stringify(ENTITY_SETS.map((set) => ({ name: set.name, kind: 'EntitySet', url: set.name })));

/** What a path below `/odata/:db/` names; `parent` for a path through a navigation property. */
type ODataTarget =
  | { kind: 'service' }
  | { kind: 'metadata' }
  | { kind: 'collection'; set: string; parent?: ParentPath }
  | { kind: 'count'; set: string; parent?: ParentPath }
  | { kind: 'entity'; set: string; key: string }
  | { kind: 'related-entity'; parent: ParentPath };

const ENTITY = /^([A-Za-z_][A-Za-z0-9_]*)\((?:id=)?([^)]*)\)$/;
const COLLECTION = /^([A-Za-z_][A-Za-z0-9_]*)(\/\$count)?$/;
const RELATED = /^([A-Za-z_][A-Za-z0-9_]*)\((?:id=)?([^)]*)\)\/([A-Za-z_][A-Za-z0-9_]*)(\/\$count)?$/;
/** Resource paths of OData 4.01 that Tessera does not serve: 501, not 404. */
const NOT_IMPLEMENTED_PATHS = /^(\$batch|\$all|\$crossjoin\(.*\)|.*\/\$ref|.*\/\$value|.*\/\$each)$/;

export function parseODataPath(path: string): ODataTarget {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return { kind: 'service' };
  if (trimmed === '$metadata') return { kind: 'metadata' };
  if (NOT_IMPLEMENTED_PATHS.test(trimmed))
    throw new NotImplemented(
      `/${trimmed} is not supported; send one request per entity (batch requests, $ref, $value and $all are not implemented)`,
      trimmed,
    );
  const entity = ENTITY.exec(trimmed);
  if (entity) return { kind: 'entity', set: entity[1], key: entity[2].trim() };
  const collection = COLLECTION.exec(trimmed);
  if (collection) return collection[2] ? { kind: 'count', set: collection[1] } : { kind: 'collection', set: collection[1] };
  const related = RELATED.exec(trimmed);
  if (related) return relatedTarget({ set: related[1], key: related[2].trim(), navigation: related[3] }, related[4] !== undefined);
  throw new NotFound(
    `Nothing is at /${trimmed}; try $metadata, an entity set, <set>(<key>), <set>(<key>)/<navigation> or <set>/$count`,
    trimmed,
  );
}

function relatedTarget(parent: ParentPath, count: boolean): ODataTarget {
  if (!isCollectionPath(parent)) return { kind: 'related-entity', parent };
  return count ? { kind: 'count', set: parent.set, parent } : { kind: 'collection', set: parent.set, parent };
}

/**
 * The OData v4 mount `/odata/:db/`: service document, `$metadata`, collections with
 * `@odata.context` / `@odata.count` / `@odata.nextLink`, single entities, `$count`, and writes.
 * Every answer carries exactly one `OData-Version: 4.0`; `$top` caps the whole result.
 */
@Injectable()
export class ODataMount {
  constructor(
    private readonly reader: ResourceReader,
    private readonly writer: ResourceWriter,
    private readonly visibility: DatabaseVisibility,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async read(principal: Principal | undefined, db: string, path: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const query = request.query as RawQuery;
    const target = parseODataPath(path);
    switch (target.kind) {
      case 'service':
        return this.serviceDocument(principal, db, query, reply);
      case 'metadata':
        return this.metadata(principal, db, request, reply);
      case 'collection':
        return this.collection(principal, db, target, request, reply);
      case 'count': {
        const count = await this.reader.count(principal, db, target.set, query, target.parent);
        reply.type('text/plain; charset=utf-8').send(String(count));
        return;
      }
      case 'entity':
        return this.sendEntity(request, reply, db, await this.reader.entity(principal, db, target.set, target.key, query));
      case 'related-entity':
        return this.sendEntity(request, reply, db, await this.reader.relatedEntity(principal, db, target.parent, query));
    }
  }

  /** An entity with its ETag (header and `@odata.etag`); 304 when `If-None-Match` names it. */
  private sendEntity(request: FastifyRequest, reply: FastifyReply, db: string, { set, options, json, version }: EntityResult): void {
    const etag = entityTag(version);
    reply.header('ETag', etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return void reply.status(304).send();
    const context = `${this.base(db)}/$metadata#${set.name}${selection(set, options.select, options.expand)}/$entity`;
    sendODataJson(reply, `{"@odata.context":${JSON.stringify(context)},"@odata.etag":${JSON.stringify(etag)},${json.slice(1)}`);
  }

  async create(principal: Principal, db: string, path: string, body: unknown, reply: FastifyReply): Promise<void> {
    const target = parseODataPath(path);
    if (target.kind !== 'collection') throw new BadRequest('POST a new entity to its entity set, e.g. /odata/01/rooms');
    if (target.parent)
      throw new NotImplemented(
        `POST to a navigation path is not supported; POST the entity to its set with its link field (e.g. /odata/${db}/occurrences with room_id)`,
        target.parent.navigation,
      );
    const set = entitySetNamed(target.set);
    const row = await this.writer.create(principal, db, set, body);
    sendODataJson(reply.status(201).header('Location', `${this.base(db)}/${set.name}(${row.id})`), this.entityBody(db, set, row));
  }

  async update(
    principal: Principal,
    db: string,
    path: string,
    body: unknown,
    ifMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const { set, id } = entityAt(path);
    await this.writer.update(principal, db, set, id, body, parseIfMatch(ifMatch));
    reply.status(204).send();
  }

  async delete(principal: Principal, db: string, path: string, ifMatch: string | undefined, reply: FastifyReply): Promise<void> {
    const { set, id } = entityAt(path);
    await this.writer.delete(principal, db, set, id, parseIfMatch(ifMatch));
    reply.status(204).send();
  }

  replace(): never {
    throw new MethodNotAllowed('GET, POST, PATCH, DELETE');
  }

  private async collection(
    principal: Principal | undefined,
    db: string,
    target: { set: string; parent?: ParentPath },
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const query = request.query as RawQuery;
    const maxPageSize = preferredPageSize(request);
    if (target.parent && (hasDeltaToken(query) || hasOption(query, '$apply'))) {
      throw new NotImplemented(
        'delta links and $apply are served on entity sets, not on navigation paths; filter the set instead',
        target.parent.navigation,
      );
    }
    if (hasDeltaToken(query)) return this.deltaPage(principal, db, target.set, query, maxPageSize, reply);
    if (isAggregation(query, entitySetNamed(target.set))) return this.aggregation(principal, db, target.set, query, reply);
    const track = prefersTracking(request.headers.prefer);
    const result = await this.reader.collection(
      principal,
      db,
      target.set,
      query,
      'result-cap',
      maxPageSize,
      target.parent,
      track && !target.parent,
    );
    const { set, options, page, nextTop, tracking } = result;
    applied(
      reply,
      maxPageSize === undefined ? undefined : Math.min(maxPageSize, this.config.paging.maxSize),
      track && tracking !== undefined,
    );
    const path = target.parent ? `${target.parent.set}(${target.parent.key})/${target.parent.navigation}` : set.name;
    let body = `{"@odata.context":${JSON.stringify(`${this.base(db)}/$metadata#${set.name}${selection(set, options.select, options.expand)}`)}`;
    if (page.total !== undefined) body += `,"@odata.count":${page.total}`;
    body += `,"value":${page.json}`;
    const trackingPair = tracking ? [['tracking', tracking] as const] : [];
    if (page.nextToken)
      body += `,"@odata.nextLink":${JSON.stringify(`${this.base(db)}/${path}${queryString([...nextPairs(options, nextTop, page.nextToken), ...trackingPair])}`)}`;
    else if (tracking)
      body += `,"@odata.deltaLink":${JSON.stringify(`${this.base(db)}/${set.name}${queryString(deltaPairs(options, tracking))}`)}`;
    sendODataJson(reply, `${body}}`);
  }

  /** An aggregated result: its rows have the grouped fields and the aliases (context `rooms(department,total)`). */
  private async aggregation(
    principal: Principal | undefined,
    db: string,
    setName: string,
    query: RawQuery,
    reply: FastifyReply,
  ): Promise<void> {
    const { set, fields, json, next } = await this.reader.aggregation(principal, db, setName, query, 'result-cap');
    let body = `{"@odata.context":${JSON.stringify(`${this.base(db)}/$metadata#${set.name}(${fields.map((f) => f.name).join(',')})`)},"value":${json}`;
    if (next) body += `,"@odata.nextLink":${JSON.stringify(`${this.base(db)}/${set.name}${queryString(next)}`)}`;
    sendODataJson(reply, `${body}}`);
  }

  /** A page of a delta link: changed entities and `@removed` entries, then a next link or a new delta link. */
  private async deltaPage(
    principal: Principal | undefined,
    db: string,
    setName: string,
    query: RawQuery,
    maxPageSize: number | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const { set, options, page, token } = await this.reader.delta(principal, db, setName, query, maxPageSize);
    const url = `${this.base(db)}/${set.name}`;
    let body = `{"@odata.context":${JSON.stringify(`${this.base(db)}/$metadata#${set.name}${selection(set, options.select, [])}/$delta`)},"value":${page.json}`;
    if (page.next)
      body += `,"@odata.nextLink":${JSON.stringify(url + queryString(deltaPairs(options, token, encodeDeltaCursor(page.next))))}`;
    else body += `,"@odata.deltaLink":${JSON.stringify(url + queryString(deltaPairs(options, page.deltaToken!)))}`;
    sendODataJson(reply, `${body}}`);
  }

  private async serviceDocument(principal: Principal | undefined, db: string, query: RawQuery, reply: FastifyReply): Promise<void> {
    await this.visibility.assertReadable(principal, db, query.client_id);
    sendODataJson(reply, `{"@odata.context":${JSON.stringify(`${this.base(db)}/$metadata`)},"value":${SERVICE_VALUE}}`);
  }

  /** CSDL XML, or CSDL JSON for `$format=json` / an Accept preferring JSON; ETag and 304 (it changes only with a release). */
  private async metadata(principal: Principal | undefined, db: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const query = request.query as RawQuery;
    await this.visibility.assertReadable(principal, db, query.client_id);
    const document = metadataFormat(singleValues(query).$format, request.headers.accept) === 'json' ? CSDL_JSON : CSDL;
    reply.header('ETag', document.etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], document.etag)) return void reply.status(304).send();
    sendCompressible(reply.type(document.type), document.text);
  }

  private entityBody(db: string, set: EntitySetDefinition, row: Row): string {
    return `{"@odata.context":${JSON.stringify(`${this.base(db)}/$metadata#${set.name}/$entity`)},${JSON.stringify(row).slice(1)}`;
  }

  private base(db: string): string {
    return `${this.config.issuer}/odata/${encodeURIComponent(db)}`;
  }
}

/** The one entity a PATCH or DELETE path addresses. */
function entityAt(path: string): { set: EntitySetDefinition; id: number } {
  const target = parseODataPath(path);
  if (target.kind !== 'entity') throw new BadRequest('Address one entity by its key, e.g. /odata/01/rooms(42)');
  const set = entitySetNamed(target.set);
  return { set, id: parseKey(set, target.key) };
}

/** Sent as bytes so Fastify keeps the media type exactly as OData clients expect it (no added charset). */
function sendODataJson(reply: FastifyReply, body: string): void {
  sendCompressible(reply.header('Content-Type', ODATA_JSON), Buffer.from(body, 'utf8'));
}

/**
 * `(id,name)` in the context URL when `$select` narrowed the fields, and each expanded navigation
 * property with its own selection (`rooms(occurrences(id,quantity))`, OData JSON 4.01 §10).
 */
function selection(set: EntitySetDefinition, select: readonly FieldDefinition[], expand: readonly ExpandItem[]): string {
  const inner = selectionList(set, select, expand);
  return inner === '' ? '' : `(${inner})`;
}

function selectionList(set: EntitySetDefinition, select: readonly FieldDefinition[], expand: readonly ExpandItem[]): string {
  const fields = select.length === set.fields.length ? [] : select.map((field) => field.name);
  const expanded = expand.map((item) => `${item.navigation.name}(${selectionList(item.navigation.target, item.select, item.expand)})`);
  return [...fields, ...expanded].join(',');
}

/** `Preference-Applied` for the preferences honoured (OData Part 1 §8.3.4). */
function applied(reply: FastifyReply, maxPageSize: number | undefined, tracking: boolean): void {
  const preferences = [
    ...(maxPageSize !== undefined ? [`odata.maxpagesize=${maxPageSize}`] : []),
    ...(tracking ? ['odata.track-changes'] : []),
  ];
  if (preferences.length > 0) reply.header('Preference-Applied', preferences.join(', '));
}

function hasOption(query: RawQuery, option: string): boolean {
  return Object.keys(query).some((name) => name.toLowerCase() === option);
}

/** `Prefer: odata.maxpagesize=N` (OData v4 §8.2.8.3) asks for smaller pages. */
function preferredPageSize(request: FastifyRequest): number | undefined {
  const prefer = request.headers.prefer;
  const match = typeof prefer === 'string' ? /odata\.maxpagesize=(\d+)/i.exec(prefer) : null;
  return match ? Math.max(1, Number(match[1])) : undefined;
}
