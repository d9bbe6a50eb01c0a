import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import ipaddr from 'ipaddr.js';
import { Environment } from '../../config/environment';

/**
 * The client a request counts against for rate limits: Express's `req.ip` (the TCP peer, or the
 * X-Forwarded-For hop TRUST_PROXY allows), an IPv4 address as is and an IPv6 address by its /64,
 * since one subscriber usually holds a whole /64 and could otherwise take a new address per try.
 */
export function clientAddressOf(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}

/** Applies TRUST_PROXY to the HTTP server, so `req.ip` believes X-Forwarded-For only from those proxies. */
@Injectable()
export class TrustProxySetting implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly env: Environment,
  ) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter?.getInstance().set('trust proxy', this.env.trustProxy);
  }
}
