import type { HttpHandler, HttpRequest } from '@smithy/core/protocols';
import { describeSampleCall } from './router';

/**
 * HttpHandler wrappers for the demo benchmark: simulated network latency, and a count of the
 * requests each service/operation received. Both delegate to the wrapped handler unchanged.
 */
type HandleOptions = Parameters<HttpHandler['handle']>[1];

/** Waits `ms` before each request is answered (an abort during the wait rejects with AbortError). */
export function withLatency(handler: HttpHandler, ms: number): HttpHandler {
  return {
    ...handler,
    async handle(request: HttpRequest, options?: HandleOptions) {
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      return handler.handle(request, options);
    },
  };
}

export interface CallCountingHandler extends HttpHandler {
  /** Requests so far, keyed "service:Operation" (signing name, e.g. "monitoring:DescribeAlarms"). */
  counts(): ReadonlyMap<string, number>;
  /** Total requests so far. */
  total(): number;
}

export function withCallCounter(handler: HttpHandler): CallCountingHandler {
  const counts = new Map<string, number>();
  return {
    ...handler,
    async handle(request: HttpRequest, options?: HandleOptions) {
      const body: unknown = request.body;
      const text = typeof body === 'string' ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : '';
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const query = Object.fromEntries(Object.entries(request.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]));
      const { service, operation } = describeSampleCall({ method: request.method.toUpperCase(), hostname: request.hostname, path: request.path, query, headers, body: text });
      const key = `${service}:${operation}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return handler.handle(request, options);
    },
    counts: () => new Map(counts),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
  };
}
