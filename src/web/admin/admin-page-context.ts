import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor';
import { AdminRolesService } from '../../admin/roles/admin-roles.service';
import type { Principal } from '../../auth/principal';
import { DatabasesService } from '../../databases/databases.service';
import { CsrfService } from '../../auth/console/csrf.service';
import type { AdminFrame } from './admin-layout';

/** What every administration page needs: its frame, the roles and databases to choose from. */
@Injectable()
export class AdminPageContext {
  constructor(
    private readonly csrf: CsrfService,
    private readonly roles: AdminRolesService,
    private readonly databases: DatabasesService,
  ) {}

  frame(principal: Principal, request: FastifyRequest, reply: FastifyReply, section: AdminFrame['section'], title: string): AdminFrame {
    return { title, section, username: principal.username ?? '', csrfToken: this.csrf.tokenFor(request, reply) };
  }

  async choices(): Promise<{ roles: string[]; defaultRoles: string[]; databases: { id: string; name: string }[] }> {
    const [roles, databases] = await Promise.all([this.roles.list(), this.databases.findAll()]);
    return {
      roles: roles.map((role) => role.name),
      defaultRoles: roles.filter((role) => role.is_default).map((role) => role.name),
      databases: databases.map(({ id, name }) => ({ id, name })),
    };
  }
}

export function actorOf(principal: Principal, request: FastifyRequest): Actor {
  return { principal, ip: request.ip ?? null };
}
