import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server (PostgreSQL, Redis), so a test can make it
 * unreachable for the app — `cut()` refuses new connections and breaks the open ones, `stall()`
 * breaks them and accepts new ones that never answer — and bring it back with `restore()`,
 * without touching the shared server.
 */
export class TcpProxy {
  private server: Server | null = null;
  private stalled = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly target: { host: string; port: number },
    private listenPort: number,
  ) {}

  /** Starts listening on `port` (0: any free port). */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, port);
    await proxy.restore();
    return proxy;
  }

  /** Listens on `port` without forwarding anything: for tests that need an address nothing answers on. */
  static async freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  get port(): number {
    return this.listenPort;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.listenPort);
    return proxied.toString();
  }

  async restore(): Promise<void> {
    this.stalled = false;
    if (this.server) return;
    const server = createServer((client) => {
      this.track(client);
      if (this.stalled) return;
      const upstream = this.track(connect(this.target.port, this.target.host));
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as { port: number }).port;
    this.server = server;
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  }

  /** Like a server that stopped answering (a network partition): connections open, nothing comes back. */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.destroy();
  }

  async cut(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
