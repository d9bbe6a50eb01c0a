import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { DEMO_PASSWORD, DEMO_USERS } from '../database/seed/demo-data';

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export interface BenchApi {
  /** POSTs a GraphQL operation as the signed-in demo user; throws on errors. */
  post(query: string, variables?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

/** The API alone (no worker) on a free loopback port over the given database, signed in as a demo user. */
export async function startBenchApi(databaseUrl: string, user: keyof typeof DEMO_USERS): Promise<BenchApi> {
  Object.assign(process.env, { DATABASE_URL: databaseUrl, APP_ROLE: 'api', QUEUE_PREFIX: `bench-${Date.now()}`, LOG_LEVEL: 'warn' });
  const app = await NestFactory.create(AppModule.forRole({ withWorker: false }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  let token: string | undefined;
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { login } = await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: DEMO_USERS[user].email,
    p: DEMO_PASSWORD,
  });
  token = login.token;
  return { post, close: () => app.close() };
}
