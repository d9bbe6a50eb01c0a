import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A real worker process (`APP_ROLE=worker`, the entry point `npm run start:worker` runs) on the
 * test's database and queue prefix, compiled on the fly by ts-node. Its Postgres connections are
 * named `application_name` (pg_stat_activity shows what it is doing); `ready` resolves once it has
 * started and `kill` ends it as abruptly or as gently as the signal says.
 */
export class WorkerProcess {
  private output = '';
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    env: Record<string, string> = {},
  ) {
    this.child = spawn(process.execPath, ['-r', 'ts-node/register', join('src', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, APP_ROLE: 'worker', LOG_LEVEL: 'log', TS_NODE_TRANSPILE_ONLY: 'true', PGAPPNAME: name, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.ready = new Promise((resolve, reject) => {
      const watch = () => {
        if (this.output.includes('Worker started')) resolve();
      };
      this.child.stdout!.on('data', watch);
      void this.exited.then((code) => reject(new Error(`worker ${name} exited (${code}) before it started:\n${this.output}`)));
    });
    this.ready.catch(() => undefined); // reported to whoever awaits it
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last of what it printed, for a failing test's message. */
  get log(): string {
    return this.output;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}
