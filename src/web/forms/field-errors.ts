import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { ApiError } from '../../common/errors/api-error';

/** Errors to show beside each field (by field name), and one for the whole form (`_form`). */
export type FieldErrors = Record<string, string>;

/** Validates a form turned into a DTO with the same rules as the JSON API; field → first message. */
export async function validateForm<T extends object>(type: new () => T, values: object): Promise<{ dto: T; errors: FieldErrors }> {
  const dto = plainToInstance(type, values);
  const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return { dto, errors: fromValidation(problems) };
}

function fromValidation(problems: ValidationError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const first = Object.values(problem.constraints ?? {})[0];
    if (first) errors[problem.property] = first;
  }
  return errors;
}

/**
 * What a service refused, placed beside the field it names: an ApiError's target, or a field
 * named at the start of a validation message (`roles contains …`). Anything else is rethrown.
 */
export function fieldErrorsFrom(error: unknown, fields: readonly string[]): FieldErrors {
  if (error instanceof ApiError && error.status < 500) return { [error.options.target ?? '_form']: error.message };
  if (error instanceof BadRequestException) {
    const response = error.getResponse() as { message?: string | string[] };
    const messages = Array.isArray(response.message) ? response.message : [String(response.message ?? error.message)];
    const errors: FieldErrors = {};
    for (const message of messages) {
      const field = fields.find((name) => message.startsWith(`${name} `) || message.startsWith(`${name}:`)) ?? '_form';
      errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
    }
    return errors;
  }
  throw error;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** A form value that may arrive once or several times (checkboxes) as a list. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A multi-line field (e.g. redirect URIs) as a list: one value per line, blank lines ignored. */
export function linesOf(value: unknown): string[] {
  return textOf(value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
