import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { errorSchemaFor } from '../common/errors/error.schemas';
import { namedSchema } from '../common/openapi/schema-registry';
import { ENTITY_SETS } from './sets';

/**
 * How the resource mounts appear in the OpenAPI document: the query options of docs/resources.md
 * with examples, the path parameters and the answers. Decorators only; the mounts do the work.
 */
const SET_NAMES = ENTITY_SETS.map((set) => set.name);

const ENTITY = namedSchema('Entity', {
  type: 'object',
  description: `A row of an entity set (${SET_NAMES.join(', ')}); its fields are described by /odata/{db}/$metadata`,
  additionalProperties: true,
  example: { id: 42, number: 'A.101', name: 'Meeting room', floor: 1, area: 24.5 },
});

const ODATA_COLLECTION = namedSchema('ODataCollection', {
  type: 'object',
  required: ['@odata.context', 'value'],
  properties: {
    '@odata.context': { type: 'string', format: 'uri' },
    '@odata.count': { type: 'integer', description: 'With `$count=true`' },
    '@odata.nextLink': { type: 'string', format: 'uri', description: 'The next page (carries `$skiptoken`)' },
    '@odata.deltaLink': { type: 'string', format: 'uri', description: 'With `Prefer: odata.track-changes`, on the last page' },
    value: { type: 'array', items: ENTITY },
  },
});

const QUERY_OPTIONS = [
  {
    name: '$filter',
    description: 'Rows matching a boolean expression (docs/resources.md, "Query options")',
    example: "floor ge 1 and contains(name,'room')",
  },
  { name: '$select', description: 'Fields to return (the key is always included), or `*`', example: 'number,name,area' },
  { name: '$orderby', description: 'Sort; the key is appended as the last tie-breaker', example: 'floor desc,name' },
  {
    name: '$top',
    description: 'At most this many rows (whole number ≥ 0; above PAGE_SIZE_MAX gives the maximum and a next link)',
    example: 50,
    type: 'integer',
  },
  { name: '$skip', description: 'Skip this many rows (whole number ≥ 0)', example: 0, type: 'integer' },
  { name: '$count', description: 'Also count the rows matching `$filter`', example: 'true', enum: ['true', 'false'] },
  { name: '$skiptoken', description: 'Opaque: taken from a next link, never written by hand', example: undefined },
  { name: '$expand', description: 'Navigation properties to nest, with nested options', example: 'occurrences($select=quantity;$top=5)' },
  { name: '$search', description: 'Words or "phrases" found in any text field, ignoring case', example: 'meeting OR office' },
  { name: '$apply', description: 'filter / groupby / aggregate, computed in SQL', example: 'groupby((floor),aggregate($count as rooms))' },
] as const;

/** The collection query options, each with an example. */
export const QueryOptionParameters = () =>
  applyDecorators(
    ...QUERY_OPTIONS.map((option) =>
      ApiQuery({
        name: option.name,
        required: false,
        description: option.description,
        ...('type' in option ? { type: Number } : { type: String }),
        ...('enum' in option ? { enum: [...option.enum] } : {}),
        ...(option.example !== undefined ? { example: option.example } : {}),
      }),
    ),
    ApiHeader({ name: 'Prefer', required: false, description: '`odata.maxpagesize=N` and `odata.track-changes` (delta links)' }),
  );

const DatabaseParameter = () => ApiParam({ name: 'db', description: 'A database id from /api/admin/databases', example: '01' });
const SetParameter = () => ApiParam({ name: 'set', enum: SET_NAMES, description: 'An entity set', example: 'rooms' });
const IdParameter = () => ApiParam({ name: 'id', description: 'The key of the entity', example: '42' });

/** `/api/database/{db}/{set}` and `/{id}`: the REST mount's path parameters. */
export const RestPath = (withId: boolean) => applyDecorators(DatabaseParameter(), SetParameter(), ...(withId ? [IdParameter()] : []));

/** `/odata/{db}/{path}`: the rest of the OData URL, parsed by the mount. */
export const ODataPath = () =>
  applyDecorators(
    DatabaseParameter(),
    ApiParam({
      name: 'path',
      description: '`$metadata`, `<set>`, `<set>(<key>)`, `<set>/$count` or `<set>(<key>)/<navigation>`',
      examples: {
        collection: { value: 'rooms' },
        entity: { value: 'rooms(42)' },
        count: { value: 'rooms/$count' },
        metadata: { value: '$metadata' },
      },
    }),
  );

/** The wildcard part of the matched route (`*`), handed to the OData mount as `path`. */
export const WildcardPath = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    (context.switchToHttp().getRequest<FastifyRequest>().params as Record<string, string>)['*'],
);

/** A JSON entity in the body (POST, PATCH). */
export const EntityBody = () => ApiBody({ schema: ENTITY, description: 'Fields of the entity; PATCH sends only those it changes' });

export const ConditionalOn = (header: 'If-Match' | 'If-None-Match') =>
  ApiHeader({
    name: header,
    required: false,
    description:
      header === 'If-Match' ? 'The ETag the change is based on: 412 when the entity changed since' : 'An ETag: 304 when unchanged',
  });

const ODATA_JSON = 'application/json;odata.metadata=minimal';

export const AnswersRestPage = () =>
  ApiResponse({
    status: 200,
    description: 'A page of rows as a JSON array; the next page in `Link`, the total in `X-Total-Count` with `$count=true`',
    schema: { type: 'array', items: ENTITY },
    headers: { Link: { schema: { type: 'string' } }, 'X-Total-Count': { schema: { type: 'integer' } } },
  });

export const AnswersEntity = (status: 200 | 201, odata: boolean) =>
  ApiResponse({
    status,
    description: status === 201 ? 'Created; `Location` names the new entity' : 'The entity, with its `ETag`',
    content: { [odata ? ODATA_JSON : 'application/json']: { schema: ENTITY } },
    headers: status === 201 ? { Location: { schema: { type: 'string', format: 'uri' } } } : { ETag: { schema: { type: 'string' } } },
  });

export const AnswersODataRead = () =>
  applyDecorators(
    ApiResponse({
      status: 200,
      description: 'A collection page, an entity, a count (`text/plain`) or `$metadata` (CSDL XML, or JSON with `$format=json`)',
      content: {
        [ODATA_JSON]: { schema: { oneOf: [ODATA_COLLECTION, ENTITY] } },
        'text/plain': { schema: { type: 'integer' } },
        'application/xml': { schema: { type: 'string' } },
      },
    }),
    ApiResponse({ status: 304, description: 'Not modified (`If-None-Match`)' }),
  );

export const AnswersServiceDocument = () =>
  ApiResponse({
    status: 200,
    description: 'The OData service document: the entity sets of the database',
    content: {
      [ODATA_JSON]: {
        schema: {
          type: 'object',
          properties: {
            '@odata.context': { type: 'string' },
            value: {
              type: 'array',
              items: { type: 'object', properties: { name: { type: 'string' }, kind: { type: 'string' }, url: { type: 'string' } } },
            },
          },
        },
      },
    },
  });

export const AnswersNoContent = (description: string) => ApiResponse({ status: 204, description });

export const AnswersNotAllowed = () =>
  ApiResponse({
    status: 405,
    description: 'PUT is not supported: `Allow` lists the methods (change fields with PATCH)',
    content: { [ODATA_JSON]: { schema: errorSchemaFor('odata') } },
    headers: { Allow: { schema: { type: 'string' } } },
  });
