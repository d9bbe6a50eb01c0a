import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { AuditLog } from '../../common/audit/audit-log';
import { InjectRedis } from '../../common/redis';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import type { Session } from '../organizations/auth.service';
import { type ExternalAccount, ExternalSignIn } from '../organizations/external-sign-in.service';
import { SecretCipher } from './secret-cipher';
import { SsoConfigurationEntity } from './sso-configuration.entity';
import { SsoRepository } from './sso.repository';
import { OIDC_CALLBACK_PATH } from './sso.service';

/** How long a browser may take at the provider: state, nonce and PKCE verifier live this long, and once. */
export const SSO_FLOW_TTL_SECONDS = 600;
/** How long the front end has to exchange the one-time code for a session (`completeSsoSignIn`). */
export const SSO_CODE_TTL_SECONDS = 60;
/** Where the browser lands at the end, with `#code=…` or `#error=…`. */
export const SSO_APP_PATH = '/sign-in/sso';
const DISCOVERY_TIMEOUT_SECONDS = 10;

/** Why a sign-in was refused: the `#error=` the front end receives, and the audit row's reason. */
export type SsoRefusal =
  | 'unknown_organization'
  | 'provider_unavailable'
  | 'invalid_state'
  | 'provider_error'
  | 'token_rejected'
  | 'email_unverified'
  | 'email_domain_not_allowed'
  | 'unknown_user'
  | 'account_elsewhere'
  | 'account_deactivated'
  /** Stagematch itself could not finish (its database or Redis unreachable, two first sign-ins at once): try again. */
  | 'temporarily_unavailable';

interface Flow {
  organizationId: string;
  codeVerifier: string;
  nonce: string;
}

class Refused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    readonly details: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

/**
 * Single sign-on through an organization's OpenID Connect provider: the authorization-code flow
 * with PKCE (S256), state and nonce (openid-client). The flow's secrets stay in Redis, keyed by a
 * hash of the state, for SSO_FLOW_TTL_SECONDS and one use; the browser carries only the state. The
 * end is a one-time code in the URL fragment of the front end (never sent to a server, nor in a
 * Referer), exchanged once within SSO_CODE_TTL_SECONDS for a session through `completeSsoSignIn`,
 * so no bearer token appears in any URL. Every attempt, accepted or refused, is audited.
 */
@Injectable()
export class OidcSignIn {
  private readonly logger = new Logger(OidcSignIn.name);
  private readonly prefix: string;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly env: Environment,
    @Inject(SecretCipher) private readonly cipher: SecretCipher,
    private readonly transactions: Transactions,
    private readonly configurations: SsoRepository,
    private readonly accounts: ExternalSignIn,
    private readonly audit: AuditLog,
  ) {
    this.prefix = `${env.QUEUE_PREFIX}:sso`;
  }

  /** The provider's authorization URL for this organization, or the front end's error address. */
  async start(organizationId: string): Promise<string> {
    try {
      const configuration = await this.configurationOf(organizationId);
      const client = await this.discover(configuration);
      const state = oidc.randomState();
      const flow: Flow = { organizationId, codeVerifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce() };
      await this.redis.set(this.key('flow', state), JSON.stringify(flow), 'EX', SSO_FLOW_TTL_SECONDS);
      return oidc
        .buildAuthorizationUrl(client, {
          redirect_uri: this.redirectUri,
          scope: 'openid email profile',
          code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
          code_challenge_method: 'S256',
          state,
          nonce: flow.nonce,
        })
        .href;
    } catch (error) {
      return this.refusal(error, { organizationId });
    }
  }

  /** Completes the flow from the provider's redirect (its query string); returns where the browser goes next. */
  async callback(query: URLSearchParams): Promise<string> {
    let organizationId: string | undefined;
    try {
      const state = query.get('state');
      const stored = state ? await this.redis.getdel(this.key('flow', state)) : null;
      if (!stored) throw new Refused('invalid_state');
      const flow = JSON.parse(stored) as Flow;
      organizationId = flow.organizationId;
      const configuration = await this.configurationOf(flow.organizationId);
      if (query.has('error')) throw new Refused('provider_error', { error: query.get('error')?.slice(0, 100) });
      const client = await this.discover(configuration);
      const claims = await this.identify(client, query, state!, flow);
      const user = await this.match(configuration, claims);
      const code = randomBytes(32).toString('base64url');
      await this.redis.set(this.key('code', code), user.id, 'EX', SSO_CODE_TTL_SECONDS);
      return `${this.env.APP_URL}${SSO_APP_PATH}#code=${code}`;
    } catch (error) {
      return this.refusal(error, { organizationId });
    }
  }

  /** The session for a one-time code (once); null when it is unknown, used or expired, or the user was deactivated since. */
  async complete(code: string): Promise<Session | null> {
    const userId = await this.redis.getdel(this.key('code', code));
    return userId ? this.accounts.startSession(userId) : null;
  }

  private get redirectUri(): string {
    return `${this.env.PUBLIC_URL}${OIDC_CALLBACK_PATH}`;
  }

  private key(kind: 'flow' | 'code', secret: string): string {
    return `${this.prefix}:${kind}:${createHash('sha256').update(secret).digest('base64url')}`;
  }

  private async configurationOf(organizationId: string): Promise<SsoConfigurationEntity> {
    const configuration = /^[0-9a-f-]{36}$/i.test(organizationId)
      ? await this.configurations.findOfOrganization(organizationId)
      : null;
    if (!configuration?.enabled) throw new Refused('unknown_organization');
    return configuration;
  }

  /** Discovery: https only in production; plain http (a provider on loopback in development and tests) elsewhere. */
  private async discover(configuration: SsoConfigurationEntity): Promise<oidc.Configuration> {
    const secret = this.cipher.open(configuration.clientSecretSealed, configuration.organizationId);
    try {
      return await oidc.discovery(new URL(configuration.issuer), configuration.clientId, secret, undefined, {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        execute: this.env.isProduction ? [] : [oidc.allowInsecureRequests],
      });
    } catch (error) {
      throw new Refused('provider_unavailable', { issuer: configuration.issuer, detail: describe(error) });
    }
  }

  /** The code for tokens (PKCE, state, nonce, the ID token's issuer, audience, signature and expiry checked), then who she is. */
  private async identify(client: oidc.Configuration, query: URLSearchParams, state: string, flow: Flow): Promise<{ sub: string; email?: unknown; email_verified?: unknown; name?: unknown }> {
    try {
      const tokens = await oidc.authorizationCodeGrant(client, new URL(`${this.redirectUri}?${query}`), {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      if (claims.email !== undefined && claims.email_verified !== undefined) return claims;
      // Many providers (SURFconext among them) give the e-mail address at the userinfo endpoint only.
      return { ...(await oidc.fetchUserInfo(client, tokens.access_token, claims.sub)), sub: claims.sub };
    } catch (error) {
      throw new Refused('token_rejected', { detail: describe(error) });
    }
  }

  private async match(configuration: SsoConfigurationEntity, claims: { sub: string; email?: unknown; email_verified?: unknown; name?: unknown }) {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const seen = { issuer: configuration.issuer, subject: claims.sub, email };
    if (claims.email_verified !== true || !email) throw new Refused('email_unverified', seen);
    if (!configuration.allowedDomains.includes(email.slice(email.lastIndexOf('@') + 1))) throw new Refused('email_domain_not_allowed', seen);
    return this.transactions.run(async () => {
      let account: ExternalAccount = await this.accounts.accountFor(configuration.organizationId, email);
      const createdJustInTime = account.status === 'unknown' && configuration.createUnknownUsers;
      if (createdJustInTime) {
        const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
        account = await this.accounts.createJustInTime(configuration.organizationId, { email, name, role: configuration.newUserRole, issuer: configuration.issuer });
      }
      if (account.status === 'unknown') throw new Refused('unknown_user', seen);
      if (account.status === 'elsewhere') throw new Refused('account_elsewhere', seen);
      if (account.status === 'deactivated') throw new Refused('account_deactivated', { ...seen, userId: account.user.id });
      await this.audit.record(account.actor, {
        action: 'user.signed_in',
        entityType: 'user',
        entityId: account.user.id,
        after: { method: 'oidc', ...seen, organizationId: configuration.organizationId, createdJustInTime },
      });
      return account.user;
    });
  }

  /** Audits the refusal and sends the browser to the front end with its reason. */
  private async refusal(error: unknown, { organizationId }: { organizationId?: string }): Promise<string> {
    if (!(error instanceof Refused)) {
      // Nothing is audited: what failed may be the database itself.
      this.logger.error(`Single sign-on failed for organization ${organizationId ?? 'unknown'}: ${describe(error)}`);
      return `${this.env.APP_URL}${SSO_APP_PATH}#error=temporarily_unavailable`;
    }
    this.logger.log(`Single sign-on refused (${error.reason}) for organization ${organizationId ?? 'unknown'}`);
    await this.transactions.run(() =>
      this.audit.record(null, {
        action: 'sso.sign_in_refused',
        entityType: 'organization',
        entityId: organizationId ?? 'unknown',
        after: { reason: error.reason, ...error.details },
      }),
    );
    return `${this.env.APP_URL}${SSO_APP_PATH}#error=${error.reason}`;
  }
}

/** What went wrong, for the audit row: the library's code and message, the check that failed, the provider's error. */
function describe(error: unknown): string {
  const { message, code, error: providerError, error_description: description, cause } = error as Record<string, unknown>;
  const check = cause instanceof Error ? cause.message : undefined;
  return [code, message, check, providerError, description]
    .filter(Boolean)
    .join(': ')
    .slice(0, 300);
}
