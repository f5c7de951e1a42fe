import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CliError } from './cli-error';

/** The DTO as the ValidationPipe would hand it over; its first problem becomes the command's one-line reason. */
export function validated<T extends object>(type: new () => T, fields: Record<string, unknown>): T {
  const dto = plainToInstance(type, fields);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new CliError(Object.values(errors[0].constraints ?? {})[0] ?? `${errors[0].property} is not valid`);
  return dto;
}
