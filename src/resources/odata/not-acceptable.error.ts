import { ApiError } from '../../common/errors/api-error';

/** 406: the client accepts no format Tessera serves (RFC 9110 §15.5.7; OData Part 1 §9.3). */
export class NotAcceptable extends ApiError {
  constructor(message: string, target?: string) {
    super(406, 'not_acceptable', message, { target });
  }
}
