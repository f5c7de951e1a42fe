import { createHash } from 'node:crypto';
import { NotAcceptable } from './not-acceptable.error';
import { preferred } from './media-types';

export interface MetadataDocument {
  readonly text: string;
  readonly type: string;
  readonly etag: string;
}

export function metadataDocument(text: string, type: string): MetadataDocument {
  return { text, type, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"` };
}

/**
 * XML unless the client asks for JSON: `$format=json` (which wins over Accept, OData Part 2
 * §5.1.8) or an Accept that prefers application/json over application/xml; ties go to XML,
 * which every client reads (Power Query sends application/xml or *\/*).
 */
export function metadataFormat(format: string | undefined, accept: string | undefined): 'xml' | 'json' {
  if (format !== undefined) {
    const type = format.split(';')[0].trim().toLowerCase();
    if (type === 'json' || type === 'application/json') return 'json';
    if (type === 'xml' || type === 'application/xml') return 'xml';
    throw new NotAcceptable(`$format=${format} is not served; $metadata is application/xml or application/json`, '$format');
  }
  return preferred(accept, ['application/xml', 'application/json']) === 'application/json' ? 'json' : 'xml';
}
