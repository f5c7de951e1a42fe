import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from './schema-registry';

const LINK = { description: 'RFC 8288 `next`, `prev`, `first` page URLs', schema: { type: 'string' } } as const;
const TOTAL = { description: 'The number of entries, when `$count=true` was asked', schema: { type: 'integer' } } as const;

/** The route answers `status` with a body of this shape (the success answer the document shows). */
export const Answers = (status: number, description: string, schema?: SchemaObject | ReferenceObject) =>
  ApiResponse({ status, description, ...(schema ? { schema } : {}) });

/** A list answer: a JSON array of `item`, paged with `$top` / `$skip` / `$count` and the paging headers. */
export const AnswersList = (description: string, item: SchemaObject | ReferenceObject) =>
  ApiResponse({ status: 200, description, schema: { type: 'array', items: item }, headers: { Link: LINK, 'X-Total-Count': TOTAL } });

/** `204 No Content`. */
export const AnswersNothing = (description: string) => ApiResponse({ status: 204, description });

/** The `If-Match` / `If-None-Match` style request header a route reads. */
export const ReadsHeader = (name: string, description: string) => ApiHeader({ name, description, required: false });
