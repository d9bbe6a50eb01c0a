import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { redisConnectionOptions } from '../common/redis';
import { loadEnvironment } from '../config/environment';
import { QueueName } from '../queues/queues';
import { freshBenchDatabase } from './bench-database';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * `npm run bench:notify [-- EVENTS_PER_SECOND SECONDS]`: commits events into the outbox at a
 * steady rate and measures, at a local webhook receiver, the time from each commit to receipt
 * through outbox → relay → BullMQ → dispatch → webhook delivery. WORKERS sets the number of worker
 * processes (default 2, one per core).
 */
async function main(): Promise<void> {
  const rate = Number(process.argv[2] ?? 1000);
  const seconds = Number(process.argv[3] ?? 10);
  const workerCount = Number(process.env.WORKERS ?? 2);
  const env = loadEnvironment();
  const databaseUrl = await freshBenchDatabase(env.DATABASE_URL, 'stagematch_bench_notify');
  // The receiver is on loopback, which webhooks may reach only when told so.
  Object.assign(process.env, { DATABASE_URL: databaseUrl, QUEUE_PREFIX: `bench-${Date.now()}`, LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });

  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { data } = JSON.parse(Buffer.concat(chunks).toString()) as { data: { placementId: string; seq: string } };
      if (!received.has(data.seq)) received.set(data.seq, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows: [company] } = await db.query(
    `SELECT o.id, p.id AS placement_id FROM organizations o JOIN placements p ON p.company_id = o.id WHERE o.kvk_number = '30123456' LIMIT 1`,
  );
  await db.query(`INSERT INTO webhook_endpoints (organization_id, url, event_types, secret) VALUES ($1, $2, '{PLACEMENT_PUBLISHED}', 'whsec_bench')`, [
    company.id,
    `http://127.0.0.1:${port}/hook`,
  ]);
  // The bench measures the webhook path; the company's users keep their in-app notifications but no e-mail.
  await db.query(
    `INSERT INTO notification_preferences (user_id, event_type, email) SELECT id, 'PLACEMENT_PUBLISHED', false FROM users WHERE organization_id = $1`,
    [company.id],
  );

  // The worker runs as in production: separate processes (APP_ROLE=worker), here WORKERS of them.
  // Each on its own health port, as several workers on one host must be.
  const workers = Array.from({ length: workerCount }, (_, n) =>
    fork(join(__dirname, '..', 'main.js'), [], { env: { ...process.env, APP_ROLE: 'worker', WORKER_HEALTH_PORT: String(env.WORKER_HEALTH_PORT + n) }, stdio: 'inherit' }),
  );
  const dispatchQueue = new Queue(QueueName.NOTIFICATION_DISPATCH, { connection: redisConnectionOptions(env.REDIS_URL), prefix: process.env.QUEUE_PREFIX });
  while ((await dispatchQueue.getWorkersCount()) < workerCount) await new Promise((resolve) => setTimeout(resolve, 100));
  const committed = new Map<string, number>();
  const total = rate * seconds;
  const batch = Math.max(1, Math.round(rate / 20)); // one transaction every 50 ms
  const started = performance.now();
  for (let seq = 0; seq < total; seq += batch) {
    const count = Math.min(batch, total - seq);
    const values = Array.from({ length: count }, (_, i) => `('PLACEMENT_PUBLISHED', jsonb_build_object('placementId', $1::text, 'seq', '${seq + i}'))`);
    await db.query(`INSERT INTO outbox (type, payload) VALUES ${values.join(', ')}`, [company.placement_id]);
    const now = performance.now();
    for (let i = 0; i < count; i += 1) committed.set(String(seq + i), now);
    const due = started + ((seq + count) / rate) * 1000;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
  }
  const produced = performance.now();
  const deadline = produced + 60_000;
  while (received.size < total && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const finished = Math.max(...received.values());

  const latencies = [...received.entries()].map(([seq, at]) => at - committed.get(seq)!).sort((a, b) => a - b);
  const { rows: [counts] } = await db.query(
    `SELECT (SELECT count(*) FROM deliveries WHERE status = 'DELIVERED')::int AS delivered, (SELECT count(*) FROM notifications)::int AS in_app`,
  );
  console.log(`bench:notify — ${total} events offered at ${rate}/s for ${seconds}s, ${workerCount} worker process(es) (outbox → relay → BullMQ → dispatch → webhook)`);
  console.log(`  received          ${received.size}/${total} events (${counts.delivered} webhook deliveries recorded, ${counts.in_app} in-app notifications)`);
  console.log(`  producer          ${((total / (produced - started)) * 1000).toFixed(0)} events/s committed`);
  console.log(`  throughput        ${((received.size / (finished - started)) * 1000).toFixed(0)} events/s from first commit to last receipt`);
  console.log(`  latency commit→receipt  p50 ${percentile(latencies, 50).toFixed(0)} ms  p99 ${percentile(latencies, 99).toFixed(0)} ms  max ${latencies.at(-1)!.toFixed(0)} ms`);

  for (const worker of workers) worker.kill('SIGTERM');
  await dispatchQueue.close();
  await db.end();
  receiver.close();
  process.exit(received.size === total ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
