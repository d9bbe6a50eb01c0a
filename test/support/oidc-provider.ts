import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** The clients `oidc-provider.mjs` registers, each a way an ID token can be wrong (or right). */
export type ProviderClient = 'stagematch' | 'stagematch-other-audience' | 'stagematch-other-nonce' | 'stagematch-expiring';

/**
 * A real OpenID provider (test/support/oidc-provider-server.mjs) as its own process on a loopback port,
 * and a browser that signs in there: it logs in with an account of any claims, consents, follows
 * every redirect by hand with its own cookies, and stops at the relying party's redirect URI.
 */
export class OidcProvider {
  readonly clientSecret = randomBytes(24).toString('base64url');
  private child?: ChildProcess;
  issuer = '';

  constructor(private readonly redirectUri: string) {}

  async start(): Promise<this> {
    this.child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
      env: { ...process.env, REDIRECT_URI: this.redirectUri, CLIENT_SECRET: this.clientSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    this.issuer = await new Promise<string>((resolve, reject) => {
      this.child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = /^\{.*\}$/m.exec(output)?.[0];
        if (line) resolve((JSON.parse(line) as { issuer: string }).issuer);
      });
      this.child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      this.child!.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}):\n${output}`)));
    });
    return this;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  /** The login name of an account with these claims (see oidc-provider-server.mjs). */
  static accountId(account: ProviderAccount): string {
    return Buffer.from(JSON.stringify(account), 'utf8').toString('base64url');
  }

  /**
   * From the provider's authorization URL to the redirect back to Stagematch: that redirect's URL
   * (with `code`, `state` and `iss`), not yet followed.
   */
  async signIn(authorizationUrl: string, account: ProviderAccount): Promise<URL> {
    const cookies = new Map<string, string>();
    let url = new URL(authorizationUrl);
    let form: URLSearchParams | undefined;
    for (let step = 0; step < 12; step += 1) {
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form?.toString(),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      form = undefined;
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url);
        if (url.href.startsWith(this.redirectUri)) return url;
        continue;
      }
      const page = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (response.status !== 200 || !action || !prompt) throw new Error(`the provider answered ${response.status}: ${page.slice(0, 500)}`);
      url = new URL(action, url);
      form = new URLSearchParams(prompt === 'login' ? { prompt, login: OidcProvider.accountId(account), password: 'any' } : { prompt });
    }
    throw new Error('the provider never redirected back to Stagematch');
  }
}
