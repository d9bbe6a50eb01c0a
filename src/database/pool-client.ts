import type { Pool, PoolClient } from 'pg';

/**
 * A connection checked out of the pool, listened to for as long as it is out. pg emits `error` on
 * a checked-out client whose server connection drops (a restart, a network cut), and an emitter
 * without a listener turns that into an uncaught exception that ends the process; the pool listens
 * only while a client is idle. The statement in flight fails by itself, and a client that lost its
 * connection is discarded on release instead of going back to the pool.
 */
export async function checkOut(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => (lost = error);
  client.on('error', onError);
  const release = client.release;
  client.release = (error?: Error | boolean) => {
    client.removeListener('error', onError);
    release(error || lost);
  };
  return client;
}
