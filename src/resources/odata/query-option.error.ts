import { BadRequest } from '../../common/errors/api-error';

/** 400 for a bad query option; `target` names the option, the message the bad part and a valid example. */
export class QueryOptionError extends BadRequest {
  constructor(option: string, message: string) {
    super(`${option}: ${message}`, option, 'bad_query_option');
  }
}
