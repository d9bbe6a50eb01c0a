import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { Environment } from '../../../config/environment';
import { HostResolver, type ResolvedAddress } from './host-resolver';
import { ipLiteralOf, isPubliclyRoutable, webhookUrlProblem } from './webhook-url-policy';

/** The host resolved to (or is) an address a webhook must not reach. */
export class BlockedAddressError extends Error {
  constructor(readonly hostname: string, readonly address: string) {
    super(`${hostname} resolves to the non-routable address ${address}`);
  }
}

/** The host name did not resolve in time. */
export class HostLookupTimeoutError extends Error {}

const UNREACHABLE_HOST = 'url must name a host that resolves, and only to publicly routable addresses (not loopback, private, link-local, CGNAT, unique-local or unspecified)';

/**
 * Decides where a webhook may go, at registration and again before every delivery: every address
 * the host resolves to must be publicly routable (unless WEBHOOK_ALLOW_PRIVATE_TARGETS, which
 * production refuses), and a delivery connects only to the addresses checked here, so an answer
 * that changes between the check and the connection (DNS rebinding) reaches nothing new.
 */
@Injectable()
export class WebhookTargetGuard {
  constructor(
    private readonly env: Environment,
    private readonly resolver: HostResolver,
  ) {}

  /** Why registering `url` is refused, or null. */
  async registrationProblem(url: string): Promise<string | null> {
    const problem = webhookUrlProblem(url, { httpsOnly: this.env.isProduction });
    if (problem) return problem;
    try {
      await this.checkedAddresses(new URL(url));
      return null;
    } catch {
      // One answer for "does not resolve" and "resolves to an internal address": the refusal tells
      // nothing about which internal names exist.
      return UNREACHABLE_HOST;
    }
  }

  /**
   * The addresses a delivery to `url` may connect to, all checked. Throws BlockedAddressError when
   * any is non-routable, HostLookupTimeoutError or the resolver's error when the name does not resolve.
   */
  async checkedAddresses(url: URL): Promise<ResolvedAddress[]> {
    const literal = ipLiteralOf(url);
    const addresses = literal ? [{ address: literal, family: isIP(literal) === 6 ? 6 : 4 } as const] : await this.lookup(url.hostname);
    if (!this.env.webhooksMayReachPrivateTargets) {
      const blocked = addresses.find(({ address }) => !isPubliclyRoutable(address));
      if (blocked) throw new BlockedAddressError(url.hostname, blocked.address);
    }
    return addresses;
  }

  private async lookup(hostname: string): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HostLookupTimeoutError(`no DNS answer for ${hostname} within ${this.env.WEBHOOK_TIMEOUT_MS} ms`)), this.env.WEBHOOK_TIMEOUT_MS);
    });
    try {
      const addresses = await Promise.race([this.resolver.lookup(hostname), timeout]);
      if (addresses.length === 0) throw new Error(`${hostname} has no address`);
      return addresses;
    } finally {
      clearTimeout(timer);
    }
  }
}
