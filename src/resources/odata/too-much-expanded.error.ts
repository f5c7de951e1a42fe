import { QueryOptionError } from './query-option.error';

/** The most related entities one answer writes: 100 for each row of a full 1,000-row page. */
export const MAX_EXPANDED_ENTITIES = 100_000;

/** 400: the page would expand to more related entities than one answer writes. */
export class TooMuchExpanded extends QueryOptionError {
  constructor(written: number) {
    super(
      '$expand',
      `this page would expand to ${written} related entities, more than the ${MAX_EXPANDED_ENTITIES} one answer holds; put $top inside the expansion (e.g. occurrences($top=50)) or ask for a smaller page with $top`,
    );
  }
}
