import { ApiError } from '../../common/errors/api-error';
import { QueryOptionError } from '../odata/query-option.error';

/** Where a delta link starts: every change numbered above `after`, issued at `issuedAt` (ms). */
export interface DeltaToken {
  readonly after: number;
  readonly issuedAt: number;
}

/** A position inside one delta pull: its upper bound, and the last (change number, id) sent. */
export interface DeltaCursor {
  readonly upTo: number;
  readonly change: number;
  readonly id: number;
}

/** 410 (OData Part 1 §11.3): the changes since this link may be gone; pull in full again. */
export class DeltaExpired extends ApiError {
  constructor(retentionDays: number) {
    super(
      410,
      'delta_expired',
      `This delta link is older than the change retention (${retentionDays} days), so deletions since then may be forgotten; read the collection in full again with Prefer: odata.track-changes and use the new delta link`,
      { target: '$deltatoken' },
    );
  }
}

export function encodeDeltaToken(token: DeltaToken): string {
  return Buffer.from(JSON.stringify([token.after, Math.floor(token.issuedAt / 1000)])).toString('base64url');
}

export function decodeDeltaToken(text: string, option = '$deltatoken'): DeltaToken {
  const value = decode(text, option);
  if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => Number.isSafeInteger(n) && n >= 0)) throw malformed(option);
  return { after: value[0], issuedAt: value[1] * 1000 };
}

export function encodeDeltaCursor(cursor: DeltaCursor): string {
  return Buffer.from(JSON.stringify(['d', cursor.upTo, cursor.change, cursor.id])).toString('base64url');
}

export function decodeDeltaCursor(text: string | undefined): DeltaCursor | undefined {
  if (text === undefined) return undefined;
  const value = decode(text, '$skiptoken');
  if (!Array.isArray(value) || value.length !== 4 || value[0] !== 'd' || !value.slice(1).every((n) => Number.isSafeInteger(n) && n >= 0))
    throw malformed('$skiptoken');
  return { upTo: value[1], change: value[2], id: value[3] };
}

function decode(text: string, option: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) throw malformed(option);
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw malformed(option);
  }
}

function malformed(option: string): QueryOptionError {
  return new QueryOptionError(option, 'the token is malformed; follow the delta link as given');
}
