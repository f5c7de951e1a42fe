import type { Client } from '../../clients/client.entity';

/** An application as `/api/admin/apps` shows it: what administrators decide about it. */
export interface AdminAppView {
  client_id: string;
  name: string;
  introspection: boolean;
}

export function toAdminAppView(client: Client): AdminAppView {
  return { client_id: client.clientId, name: client.name, introspection: client.introspection };
}
