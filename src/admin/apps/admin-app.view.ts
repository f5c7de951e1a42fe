import type { Client } from '../../clients/client.entity';
import { namedSchema } from '../../common/openapi/schema-registry';

/** An application as `/api/admin/apps` shows it: what administrators decide about it. */
export interface AdminAppView {
  client_id: string;
  name: string;
  introspection: boolean;
}

export function toAdminAppView(client: Client): AdminAppView {
  return { client_id: client.clientId, name: client.name, introspection: client.introspection };
}

export const ADMIN_APP_SCHEMA = namedSchema('AdminApp', {
  type: 'object',
  required: ['client_id', 'name', 'introspection'],
  properties: { client_id: { type: 'string' }, name: { type: 'string' }, introspection: { type: 'boolean' } },
});
