import { namedSchema, ReferenceObject } from '../openapi/schema-registry';
import type { ErrorDialect } from './error-dialect';

/** The error bodies of renderJson, for the OpenAPI document: one per dialect. */
const ERROR_SCHEMAS: Record<Exclude<ErrorDialect, 'html'>, ReferenceObject> = {
  oauth: namedSchema('OAuthError', {
    type: 'object',
    description: 'RFC 6749 §5.2',
    required: ['error'],
    properties: {
      error: { type: 'string', example: 'invalid_grant' },
      error_description: { type: 'string', example: 'The authorization code is invalid, expired or was already used' },
    },
  }),
  odata: namedSchema('ODataError', {
    type: 'object',
    description: 'OData JSON Format §21',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', example: 'bad_request' },
          message: { type: 'string', example: '$filter: unknown field "colour" at position 0; rooms has id, number, …' },
          target: { type: 'string', example: '$filter' },
        },
      },
    },
  }),
  json: namedSchema('ApiError', {
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      error: { type: 'string', example: 'bad_request' },
      message: { type: 'string' },
      target: { type: 'string', description: 'The field or parameter at fault' },
      details: { description: 'Field errors of request validation' },
    },
  }),
};

export function errorSchemaFor(dialect: ErrorDialect): ReferenceObject | undefined {
  return dialect === 'html' ? undefined : ERROR_SCHEMAS[dialect];
}
