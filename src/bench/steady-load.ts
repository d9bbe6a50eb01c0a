import { Agent, request } from 'node:http';

export interface SteadyResult {
  /** Answers per second over the run, from the first scheduled send to the last answer. */
  served: number;
  p50: number;
  p99: number;
  /** Requests answered with another status than 200, or not at all; their latency is not in p50/p99. */
  failed: number;
  /** The first failure's status or error. */
  failure?: string;
}

/**
 * An open-loop load at a steady rate: request i is sent at start + i / rate whatever the answers
 * before it are doing, and its latency counts from that scheduled moment, so a server that falls
 * behind is charged for the wait it causes (no coordinated omission).
 *
 * autocannon's `overallRate` is not steady: each connection sends its whole quota for a second as
 * soon as the second starts, so 16 connections arrive together once a second, and its correction
 * for coordinated omission assumes one request per millisecond whatever the rate.
 */
export async function steadyLoad(options: { url: string; headers: Record<string, string>; body: string; rate: number; seconds: number }): Promise<SteadyResult> {
  const { rate, seconds } = options;
  const url = new URL(options.url);
  const body = Buffer.from(options.body);
  const headers = { ...options.headers, 'content-length': String(body.length) };
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const total = rate * seconds;
  const latencies: number[] = [];
  const failures: string[] = [];
  let lastAnswer = 0;

  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      // A connection cut before or while answering fails the request, so the run never waits on it.
      const fail = (error: Error) => resolve(void failures.push(error.message));
      const outgoing = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent }, (response) => {
        response.on('error', fail).resume();
        response.on('end', () => {
          lastAnswer = performance.now();
          if (response.statusCode === 200) latencies.push(lastAnswer - scheduled);
          else failures.push(`HTTP ${response.statusCode}`);
          resolve();
        });
      });
      outgoing.on('error', fail);
      outgoing.end(body);
    });

  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  while (pending.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (pending.length < due) pending.push(send(start + (pending.length * 1000) / rate));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round(latencies[Math.ceil(p * latencies.length) - 1]);
  return { served: (latencies.length * 1000) / (lastAnswer - start), p50: percentile(0.5), p99: percentile(0.99), failed: failures.length, failure: failures[0] };
}
