import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { ClientsService } from '../../clients/clients.service';
import { NotFound } from '../../common/errors/api-error';
import { Actor, auditedBy } from '../../auth/actor';
import { AdminAppView, toAdminAppView } from './admin-app.view';
import { UpdateAdminAppDto } from './dto/update-admin-app.dto';

/** `/api/admin/apps/:clientId`: marking resource servers for introspection (F9), audited. */
@Injectable()
export class AdminAppsService {
  constructor(
    private readonly clients: ClientsService,
    private readonly audit: AuditService,
  ) {}

  async update(actor: Actor, clientId: string, dto: UpdateAdminAppDto): Promise<AdminAppView> {
    const client = await this.clients.findById(clientId);
    if (!client) throw new NotFound(`There is no application with client_id "${clientId}"`);
    const updated = await this.clients.setIntrospection(client, dto.introspection);
    await this.audit.record({
      event: 'app.introspection_changed',
      target: clientId,
      ...auditedBy(actor),
      details: { introspection: dto.introspection },
    });
    return toAdminAppView(updated);
  }
}
