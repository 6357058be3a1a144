import { percentile } from './stats';

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * `requests` POSTs of `body(i)` to `url` from `concurrency` workers after `warmUp` untimed ones,
 * each answered 201 or the run fails; the rate over the timed ones and their p50/p99 latency.
 */
export async function postLoad(options: {
  url: string;
  headers?: Record<string, string>;
  body: (i: number) => unknown;
  requests: number;
  concurrency: number;
  warmUp?: number;
}): Promise<LoadResult> {
  const { url, requests, concurrency, warmUp = 50 } = options;
  const post = async (i: number) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(options.body(i)),
    });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < warmUp; i++) await post(requests + i);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const sent = performance.now();
        await post(i);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: requests / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
