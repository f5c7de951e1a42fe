import { Injectable } from '@nestjs/common';

const FIRST_DELAY_MS = 100;
export const MAX_DELAY_MS = 2000;

/** The slow-down after the n-th failed sign-in of a name: 100 ms, doubling, at most 2 s. */
export function delayAfter(failures: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1));
}

/** Waits after a failed sign-in; one injectable place, so tests can see which delays were asked for. */
@Injectable()
export class LoginDelay {
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
