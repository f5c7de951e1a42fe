import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { BadRequest } from '../errors/api-error';
import { PageQuery, pageOf, setPagingHeaders } from './paging';

/**
 * Pages a list a handler returns whole (one person's apps, keys or grants: small by nature) with
 * `$top` / `$skip` / `$count`, and sets `Link` and `X-Total-Count` as every management list does
 * (docs/decisions.md, "Management API shapes"). Lists that can grow large page in SQL instead (`/api/admin/users`, the audit log).
 */
@Injectable()
export class PagedListInterceptor implements NestInterceptor {
  constructor(@Inject(TESSERA_CONFIG) private readonly config: TesseraConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const query = pageQueryOf(request.query);
    const page = pageOf(query);
    return next.handle().pipe(
      map((rows: unknown[]) => {
        setPagingHeaders(request, reply, this.config.issuer, page, rows.length, query);
        return rows.slice(page.skip, page.skip + page.top);
      }),
    );
  }
}

/** `@PagedList()` on a handler that returns an array. */
export const PagedList = () => UseInterceptors(PagedListInterceptor);

function pageQueryOf(raw: unknown): PageQuery {
  const { $top, $skip, $count } = (raw ?? {}) as Record<string, unknown>;
  const query = plainToInstance(PageQuery, { $top, $skip, $count });
  const [error] = validateSync(query, { skipUndefinedProperties: true });
  if (error) throw new BadRequest(Object.values(error.constraints ?? {})[0] ?? `${error.property} is not valid`, error.property);
  return query;
}
