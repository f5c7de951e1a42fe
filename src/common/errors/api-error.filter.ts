import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ApiError, ServiceUnavailable } from './api-error';
import { dialectFor, ErrorBody, renderJson } from './error-dialect';
import { renderErrorPage } from '../../html/error-page';

const CONNECTION_ERRORS =
  /ECONNREFUSED|ECONNRESET|PROTOCOL_CONNECTION_LOST|ETIMEDOUT|EPIPE|ER_CON_COUNT|Pool is closed|Connection lost|closed state|SQLITE_BUSY/i;

/**
 * The one exception filter: every error leaves as JSON (or a page) in the format of the
 * endpoint that was hit, with the right status and headers, and never a stack trace or SQL.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  // Lines carry the request's reqId, so the cause can be found beside its request line.
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, headers } = this.describe(exception, request);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    const dialect = dialectFor(request.routeOptions?.url);
    if (dialect === 'html') {
      reply
        .status(body.status)
        .type('text/html; charset=utf-8')
        .send(renderErrorPage(body, { signedIn: Boolean((request as { user?: unknown }).user) }));
      return;
    }
    reply.header('Cache-Control', 'no-store').status(body.status).send(renderJson(dialect, body));
  }

  private describe(exception: unknown, request: FastifyRequest): { body: ErrorBody; headers: Record<string, string> } {
    if (exception instanceof ApiError) {
      return {
        body: { status: exception.status, code: exception.code, message: exception.message, target: exception.options.target },
        headers: exception.options.headers ?? {},
      };
    }
    if (exception instanceof HttpException) return { body: fromHttpException(exception), headers: {} };
    if (isConnectionFailure(exception)) {
      const unavailable = new ServiceUnavailable();
      this.logger.warn({ reqId: request.id, msg: `Database unavailable during ${request.method} ${request.url.split('?')[0]}` });
      return { body: { status: 503, code: unavailable.code, message: unavailable.message }, headers: unavailable.options.headers ?? {} };
    }
    this.logger.error({
      reqId: request.id,
      msg: `Unhandled error on ${request.method} ${request.url.split('?')[0]}: ${describeInternal(exception)}`,
    });
    return { body: { status: 500, code: 'server_error', message: 'An unexpected error occurred' }, headers: {} };
  }
}

function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const code = status === 400 ? 'invalid_request' : status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : `http_${status}`;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    if (Array.isArray(message)) return { status, code, message: message.join('; '), details: message };
    return { status, code, message: String(message) };
  }
  return { status, code, message: exception.message };
}

/**
 * Duck-typed, not `instanceof Error`: a socket error raised by Node's core (ECONNREFUSED from a
 * driver's reconnect) can come from another realm (a Jest sandbox, a worker), where instanceof
 * is false, and it must still answer 503, not 500.
 */
function errorFields(exception: unknown): { name: string; message: string; code: string; stack: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { name, message, code, stack } = exception as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { name: text(name) || 'Error', message: text(message), code: text(code), stack: text(stack) };
}

function isConnectionFailure(exception: unknown): boolean {
  const fields = errorFields(exception);
  const text = fields ? `${fields.message} ${fields.code}` : '';
  return CONNECTION_ERRORS.test(text) && !(exception instanceof QueryFailedError && /syntax/i.test(text));
}

function describeInternal(exception: unknown): string {
  const fields = errorFields(exception);
  return fields ? `${fields.name}: ${fields.message}\n${fields.stack}` : String(exception);
}
