import { ApiError } from '../common/errors/api-error';
import type { Precondition } from './resource.writer';

/** An entity's ETag: its change number, weak (RFC 9110 §8.8.3), e.g. W/"42". */
export function entityTag(version: number): string {
  return `W/"${version}"`;
}

/** `If-Match` (RFC 9110 §13.1.1): `*`, or the version of one of the tags; a tag that is no version of ours never matches. */
export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}

/** `If-None-Match` on a read (RFC 9110 §13.1.2, weak comparison): true when the client's copy is current. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/** 405 for PUT: entities change with PATCH (partial update); the Allow header says what works (RFC 9110 §15.5.6). */
export class MethodNotAllowed extends ApiError {
  constructor(allow: string) {
    super(405, 'method_not_allowed', `PUT (replace) is not supported; change fields with PATCH. Allowed: ${allow}`, {
      headers: { Allow: allow },
    });
  }
}
