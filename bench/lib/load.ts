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
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Answers that were not 2xx, plus socket errors and timeouts: a run with any is not valid. */
  failures: number;
}

/** Drives one request at fixed connections for `duration` seconds with autocannon. */
export async function load(spec: RequestSpec, options: { duration?: number; connections?: number } = {}): Promise<LoadResult> {
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    connections: options.connections ?? SETTINGS.connections,
    duration: options.duration ?? SETTINGS.duration,
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    latencyMeanMs: result.latency.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
