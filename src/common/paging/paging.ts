import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** The largest offset both databases take as a 32-bit integer (MySQL refuses a larger OFFSET). */
export const MAX_SKIP = 2_147_483_647;

/** `$top` / `$skip` / `$count` on management lists: they page as the REST mount does. */
export class PageQuery {
  @ApiPropertyOptional({ name: '$top', default: DEFAULT_PAGE_SIZE, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$top must be a whole number' })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  $top?: number;

  @ApiPropertyOptional({ name: '$skip', default: 0, maximum: MAX_SKIP })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$skip must be a whole number' })
  @Min(0)
  @Max(MAX_SKIP, { message: `$skip must not be greater than ${MAX_SKIP}` })
  $skip?: number;

  @ApiPropertyOptional({ name: '$count', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  $count?: 'true' | 'false';
}

export interface Page {
  top: number;
  skip: number;
}

export function pageOf(query: PageQuery): Page {
  return { top: query.$top ?? DEFAULT_PAGE_SIZE, skip: query.$skip ?? 0 };
}

/**
 * The paging headers of a list answer: `Link` with absolute `next`, `prev` and `first` URLs
 * where they apply (RFC 8288), and `X-Total-Count` when `$count=true` was asked.
 */
export function setPagingHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  issuer: string,
  page: Page,
  total: number,
  query: PageQuery,
): void {
  const url = new URL(request.url, issuer);
  const link = (skip: number, rel: string) => {
    const params = new URLSearchParams(url.search);
    params.set('$top', String(page.top));
    params.set('$skip', String(skip));
    return `<${url.origin}${url.pathname}?${params.toString().replace(/%24/g, '$')}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page.top > 0 && page.skip + page.top < total) links.push(link(page.skip + page.top, 'next'));
  if (page.skip > 0) links.push(link(Math.max(0, page.skip - page.top), 'prev'), link(0, 'first'));
  if (links.length > 0) reply.header('Link', links.join(', '));
  if (query.$count === 'true') reply.header('X-Total-Count', String(total));
}
