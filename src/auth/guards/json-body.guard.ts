import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { UnsupportedMediaType } from '../../common/errors/api-error';
import { ACCEPTS_FORMS } from '../decorators/accepts-forms.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { routeMetadata } from '../../common/route-metadata';

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json$/;

/**
 * Routes behind the API guard (the JSON API and the resource mounts) take JSON bodies only:
 * a form, multipart or text/plain body is 415. HTML forms can send nothing else, so a
 * page on another site cannot post to the API at all. Public routes (pages, OAuth endpoints) and
 * routes marked `@AcceptsForms()` keep taking forms. Runs before authentication.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    if (routeMetadata(this.reflector, IS_PUBLIC, handler, controller) || routeMetadata(this.reflector, ACCEPTS_FORMS, handler, controller))
      return true;
    const contentType = context.switchToHttp().getRequest<FastifyRequest>().headers['content-type'];
    if (contentType === undefined) return true;
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    if (!JSON_MEDIA_TYPE.test(mediaType)) throw new UnsupportedMediaType();
    return true;
  }
}
