import { Injectable } from '@nestjs/common';
import { ClientsService } from '../../clients/clients.service';
import { CONSUMER_CLIENT } from './consumer-client';

/**
 * The names a user may not take because they are already a client's id. An API user's client id
 * is its username (d.vinci's API users), and a person's username is its client id when it sends
 * its own password as client credentials (Fusio), so users and applications share one namespace:
 * an API user named `consumer`, or like another application, would otherwise have its tokens and
 * that client's revoked together (review R02).
 */
/** How user ids are spelt (UUIDs). */
const USER_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A name spelt like a user id is nobody's to take: every token names a person by their id (`sub`),
 * and a client_credentials token names its client (`sub` = `client_id`), which for an API user is its
 * username. An API user named like a person's id would get tokens a resource server takes for that
 * person's (RFC 9068 §5; review R10). Applications' client ids are 22 base64url characters, never this shape.
 */
export function spelledLikeUserId(name: string): boolean {
  return USER_ID_SHAPE.test(name);
}

@Injectable()
export class ClientNames {
  constructor(private readonly clients: ClientsService) {}

  async taken(name: string): Promise<boolean> {
    return name === CONSUMER_CLIENT.id || spelledLikeUserId(name) || (await this.clients.exists(name));
  }
}
