import { ApiError } from '../../common/errors/api-error';

/**
 * 501 for a feature OData defines and Tessera does not implement (OData Part 1 §9.3.1), so a
 * client can tell "not here" from "you sent it wrong" (400).
 */
export class NotImplemented extends ApiError {
  constructor(message: string, target?: string) {
    super(501, 'not_implemented', message, { target });
  }
}
