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
@Injectable()
export class ClientNames {
  constructor(private readonly clients: ClientsService) {}

  async taken(name: string): Promise<boolean> {
    return name === CONSUMER_CLIENT.id || (await this.clients.exists(name));
  }
}
