import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/principal';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { sendCompressible } from './compressed-reply';
import { encodeDeltaCursor } from './delta/delta-token';
import { entityTag, matchesIfNoneMatch, MethodNotAllowed, parseIfMatch } from './etag';
import { deltaPairs, firstPairs, hasDeltaToken, nextPairs, prefersTracking, queryString } from './links';
import { isAggregation, RawQuery } from './odata/query-options';
import { CollectionResult, entitySetNamed, parseKey, ResourceReader } from './resource.reader';
import { ResourceWriter } from './resource.writer';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The dRofus-style REST mount `/api/database/:db/<set>`: a bare JSON array, `$top` is the page
 * size, and a `Link` header with absolute next / prev / first URLs; `X-Total-Count` with `$count=true`.
 */
@Injectable()
export class RestMount {
  constructor(
    private readonly reader: ResourceReader,
    private readonly writer: ResourceWriter,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async list(
    principal: Principal | undefined,
    db: string,
    setName: string,
    query: RawQuery,
    reply: FastifyReply,
    prefer?: string,
  ): Promise<void> {
    if (hasDeltaToken(query)) return this.delta(principal, db, setName, query, reply);
    if (isAggregation(query, entitySetNamed(setName))) return this.aggregation(principal, db, setName, query, reply);
    const track = prefersTracking(prefer);
    const result = await this.reader.collection(principal, db, setName, query, 'page-size', undefined, undefined, track);
    if (track && result.tracking) reply.header('Preference-Applied', 'odata.track-changes');
    const links = this.links(db, result);
    if (links) reply.header('Link', links);
    if (result.page.total !== undefined) reply.header('X-Total-Count', String(result.page.total));
    sendCompressible(reply.type(JSON_TYPE), result.page.json);
  }

  /** An aggregating `$apply`: the result rows as an array, `Link` rel="next" while more follow. */
  private async aggregation(
    principal: Principal | undefined,
    db: string,
    setName: string,
    query: RawQuery,
    reply: FastifyReply,
  ): Promise<void> {
    const { set, json, next } = await this.reader.aggregation(principal, db, setName, query, 'page-size');
    if (next) reply.header('Link', `<${this.base(db)}/${set.name}${queryString(next)}>; rel="next"`);
    sendCompressible(reply.type(JSON_TYPE), json);
  }

  /** `?$deltatoken=`: the changes as a JSON array; `Link` rel="next" while more follow, rel="delta" on the last page. */
  private async delta(principal: Principal | undefined, db: string, setName: string, query: RawQuery, reply: FastifyReply): Promise<void> {
    const { set, options, page, token } = await this.reader.delta(principal, db, setName, query);
    const url = `${this.base(db)}/${set.name}`;
    const link = page.next
      ? `<${url}${queryString(deltaPairs(options, token, encodeDeltaCursor(page.next)))}>; rel="next"`
      : `<${url}${queryString(deltaPairs(options, page.deltaToken!))}>; rel="delta"`;
    sendCompressible(reply.header('Link', link).type(JSON_TYPE), page.json);
  }

  async get(
    principal: Principal | undefined,
    db: string,
    setName: string,
    key: string,
    query: RawQuery,
    ifNoneMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const { json, version } = await this.reader.entity(principal, db, setName, key, query);
    const etag = entityTag(version);
    reply.header('ETag', etag);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return void reply.status(304).send();
    sendCompressible(reply.type(JSON_TYPE), json);
  }

  replace(): never {
    throw new MethodNotAllowed('GET, PATCH, DELETE');
  }

  async create(principal: Principal, db: string, setName: string, body: unknown, reply: FastifyReply): Promise<void> {
    const set = entitySetNamed(setName);
    const row = await this.writer.create(principal, db, set, body);
    reply
      .status(201)
      .header('Location', `${this.base(db)}/${set.name}/${row.id}`)
      .type(JSON_TYPE)
      .send(JSON.stringify(row));
  }

  async update(
    principal: Principal,
    db: string,
    setName: string,
    key: string,
    body: unknown,
    ifMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const set = entitySetNamed(setName);
    const row = await this.writer.update(principal, db, set, parseKey(set, key), body, parseIfMatch(ifMatch));
    reply.type(JSON_TYPE).send(JSON.stringify(row));
  }

  async delete(
    principal: Principal,
    db: string,
    setName: string,
    key: string,
    ifMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const set = entitySetNamed(setName);
    await this.writer.delete(principal, db, set, parseKey(set, key), parseIfMatch(ifMatch));
    reply.status(204).send();
  }

  /** next (keyset) when more rows exist; first when this is not the first page; prev for `$skip` pages. */
  private links(db: string, { set, options, page, nextTop, pageSize, tracking }: CollectionResult): string | undefined {
    const url = `${this.base(db)}/${set.name}`;
    const top = options.top !== undefined ? pageSize : undefined;
    const links: string[] = [];
    const trackingPair = tracking ? [['tracking', tracking] as const] : [];
    if (page.nextToken)
      links.push(
        `<${url}${queryString([...nextPairs(options, nextTop === undefined ? undefined : pageSize, page.nextToken), ...trackingPair])}>; rel="next"`,
      );
    else if (tracking) links.push(`<${url}${queryString(deltaPairs(options, tracking))}>; rel="delta"`);
    if (options.skipToken || options.skip > 0) {
      if (!options.skipToken && pageSize > 0) {
        const previous = Math.max(0, options.skip - pageSize);
        const pairs = firstPairs(options, top);
        links.push(`<${url}${queryString(previous > 0 ? [...pairs, ['$skip', previous]] : pairs)}>; rel="prev"`);
      }
      links.push(`<${url}${queryString(firstPairs(options, top))}>; rel="first"`);
    }
    return links.length > 0 ? links.join(', ') : undefined;
  }

  private base(db: string): string {
    return `${this.config.issuer}/api/database/${encodeURIComponent(db)}`;
  }
}
