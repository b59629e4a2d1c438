import autocannon from 'autocannon';
import http from 'node:http';

/** Latency and errors of one endpoint under load. */
export interface LoadResult {
  name: string;
  path: string;
  connections: number;
  /** Requests per second per client, when paced. */
  ratePerClient?: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Non-2xx responses, connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Target p95 in ms, when there is one. */
  targetP95?: number;
  pass?: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** Where and how hard to load one endpoint. */
interface LoadTarget {
  name: string;
  baseUrl: string;
  path: string;
  token: string;
  connections: number;
  durationSeconds: number;
}

/**
 * Runs autocannon against one path with `connections` concurrent clients for
 * `durationSeconds`, after a short warm-up, and computes p50/p95/p99 from
 * every response time (autocannon's own summary has no p95).
 */
export async function measure(
  options: LoadTarget & {
    method?: 'GET' | 'POST';
    body?: string;
    targetP95?: number;
    warmupSeconds?: number;
    /** Requests per second per client; unset, each client sends its next request as soon as the last is answered. */
    ratePerClient?: number;
  },
): Promise<LoadResult> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.token}`,
    ...(options.body ? { 'content-type': 'application/json' } : {}),
  };
  const common = {
    url: `${options.baseUrl}${options.path}`,
    ...(options.ratePerClient ? { connectionRate: options.ratePerClient } : {}),
    method: options.method ?? 'GET',
    headers,
    body: options.body,
    connections: options.connections,
    timeout: 30,
  } as const;
  if ((options.warmupSeconds ?? 2) > 0) {
    await autocannon({
      ...common,
      connections: Math.min(options.connections, 10),
      duration: options.warmupSeconds ?? 2,
    });
  }
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { ...common, duration: options.durationSeconds },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    name: options.name,
    path: options.path,
    connections: options.connections,
    ratePerClient: options.ratePerClient,
    durationSeconds: options.durationSeconds,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    p50: round(percentile(times, 50)),
    p95: round(p95),
    p99: round(percentile(times, 99)),
    max: round(times[times.length - 1] ?? NaN),
    errors,
    non2xx: result.non2xx,
    targetP95: options.targetP95,
    pass:
      options.targetP95 === undefined
        ? undefined
        : errors === 0 && p95 <= options.targetP95,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Open-loop load with evenly spread arrivals: `connections` clients, each
 * sending `ratePerClient` requests per second over its own keep-alive
 * connection, their start times spread over one interval so that requests
 * arrive as a steady stream (autocannon's paced mode fires every client at
 * the same instant, a burst). A client whose previous answer is late sends
 * its next request as soon as the answer comes; latency is counted from the
 * time the request was due, so a slow server is not hidden by the wait
 * (no coordinated omission).
 */
export async function measureSpread(
  options: LoadTarget & { ratePerClient: number; targetP95?: number },
): Promise<LoadResult> {
  const url = new URL(`${options.baseUrl}${options.path}`);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.connections,
  });
  const interval = 1000 / options.ratePerClient;
  const start = performance.now() + 50;
  const end = start + options.durationSeconds * 1000;
  const times: number[] = [];
  let errors = 0;
  let non2xx = 0;

  const request = () =>
    new Promise<number>(resolve => {
      const req = http.get(
        url,
        {
          agent,
          headers: { authorization: `Bearer ${options.token}` },
          timeout: 30_000,
        },
        res => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(0));
    });

  await Promise.all(
    Array.from({ length: options.connections }, async (_, client) => {
      let due = start + (client * interval) / options.connections;
      while (due < end) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise(r => setTimeout(r, wait));
        const status = await request();
        times.push(performance.now() - due);
        if (status === 0) errors++;
        else if (status < 200 || status >= 300) non2xx++;
        due += interval;
      }
    }),
  );
  agent.destroy();
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  const allErrors = errors + non2xx;
  return {
    name: options.name,
    path: options.path,
    connections: options.connections,
    ratePerClient: options.ratePerClient,
    durationSeconds: options.durationSeconds,
    requests: times.length,
    requestsPerSecond: round(times.length / options.durationSeconds),
    p50: round(percentile(times, 50)),
    p95: round(p95),
    p99: round(percentile(times, 99)),
    max: round(times[times.length - 1] ?? NaN),
    errors: allErrors,
    non2xx,
    targetP95: options.targetP95,
    pass:
      options.targetP95 === undefined
        ? undefined
        : allErrors === 0 && p95 <= options.targetP95,
  };
}
