import { namedSchema } from '../common/openapi/schema-registry';

export const LIVENESS_SCHEMA = namedSchema('Liveness', {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok'] } },
});

export const READINESS_SCHEMA = namedSchema('Readiness', {
  type: 'object',
  description: "@nestjs/terminus's health check result: `database` (and `redis` when REDIS_URL is set)",
  required: ['status'],
  properties: {
    status: { type: 'string', example: 'ok' },
    info: { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string', example: 'up' } } } },
    error: { type: 'object', additionalProperties: true },
    details: { type: 'object', additionalProperties: true },
  },
});
