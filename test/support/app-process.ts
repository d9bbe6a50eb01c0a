import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { redisConnectionOptions } from '../../src/common/redis';
import { appBuildDir, REPOSITORY as ROOT } from './build-dir';
import { withAdminClient } from './databases';

const BUILD_DIR = appBuildDir();
const BUILT = join(BUILD_DIR, '.built');
/** An arbitrary advisory-lock key under which the first test file compiles the app. */
const BUILD_LOCK = 74_2026_03;

/**
 * Compiles the app once per test run (`tsc -p tsconfig.build.json`), for tests that must run it
 * as its own process: signals, exit codes, start-up. Files that need it wait on the lock.
 */
export async function buildApp(): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [BUILD_LOCK]);
    try {
      if (existsSync(BUILT)) return;
      await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], {
        cwd: ROOT,
      });
      writeFileSync(BUILT, new Date().toISOString());
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [BUILD_LOCK]);
    }
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `node dist/…/src/main.js` with its own environment; every output line is kept for assertions. */
export class AppProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | null = null;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();
  readonly queuePrefix = `test-${randomBytes(4).toString('hex')}`;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [join(BUILD_DIR, 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'log',
        NO_COLOR: '1',
        SEED_DEMO_ON_EMPTY: 'false',
        QUEUE_PREFIX: this.queuePrefix,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        this.lines.push(...parts);
        this.notify();
      });
    }
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        this.notify();
        resolve(this.exit);
      }),
    );
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }

  get output(): string {
    return this.lines.join('\n');
  }

  /** Lines matching `pattern` so far. */
  matching(pattern: RegExp | string): string[] {
    return this.lines.filter((line) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line)));
  }

  /** The first line matching `pattern`; fails with the output when the process exits or time runs out first. */
  waitFor(pattern: RegExp | string, timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const [line] = this.matching(pattern);
        if (line !== undefined) return done(() => resolve(line));
        if (this.exit) return done(() => reject(new Error(`exited ${JSON.stringify(this.exit)} before "${pattern}":\n${this.output}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no "${pattern}" within ${timeoutMs} ms:\n${this.output}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kills the process if it still runs and removes its queues from Redis. */
  async stop(): Promise<void> {
    if (!this.exit) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    const redis = new IORedis(redisConnectionOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
    const keys = await redis.keys(`${this.queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}
