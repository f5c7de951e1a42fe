import autocannon from 'autocannon';
import { SETTINGS } from './settings';

/** One HTTP request a load run repeats. */
export interface RequestSpec {
  method?: 'GET' | 'POST';
  /** Absolute URL on 127.0.0.1. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  /**
   * Mean latency from Little's law for a closed loop: connections ÷ completed requests per second.
   * autocannon's own latency histogram records whole milliseconds (hdr-histogram with
   * `lowestDiscernibleValue: 1`), so a sub-millisecond mean read from it is the share of requests
   * that took 1 ms or more, not their latency.
   */
  latencyMeanMs: number;
  /**
   * From every response's own time (autocannon's `response` event, hrtime in fractional ms), not
   * from its histogram, which keeps whole milliseconds: scenario 9's p99 is 2–12 ms, where a whole
   * millisecond is up to half the figure.
   */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Answers that were not 2xx, plus socket errors and timeouts: a run with any is not valid. */
  failures: number;
  /** 2xx answers in the run. */
  answered: number;
}

/** Drives one request at fixed connections for `duration` seconds with autocannon. */
export async function load(spec: RequestSpec, options: { duration?: number; connections?: number } = {}): Promise<LoadResult> {
  const connections = options.connections ?? SETTINGS.connections;
  const responseTimes: number[] = [];
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    connections,
    duration: options.duration ?? SETTINGS.duration,
  }).on('response', (_client, _status, _bytes, ms) => responseTimes.push(ms));
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    latencyMeanMs: result.requests.total > 0 ? (connections * 1000 * result.duration) / result.requests.total : Number.NaN,
    latencyP50Ms: percentile(responseTimes, 0.5),
    latencyP99Ms: percentile(responseTimes, 0.99),
    failures: result.non2xx + result.errors + result.timeouts,
    answered: result['2xx'],
  };
}

/** The nearest-rank percentile (`share` of 1) of the values; NaN when there are none. */
export function percentile(values: number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
