import { ApiError } from '../common/errors/api-error';

/** 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3). */
export class TooManyRequests extends ApiError {
  constructor(retryAfterSeconds: number, headers: Record<string, string>) {
    super(429, 'too_many_requests', `Too many requests; retry in ${retryAfterSeconds} s`, {
      headers: { ...headers, 'Retry-After': String(retryAfterSeconds) },
    });
  }
}
