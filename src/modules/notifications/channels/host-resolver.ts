import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';

/** An address a host name resolved to, as `net.connect` takes it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves host names the way the operating system does (hosts file, search domains, DNS).
 * A provider of its own so that tests can stand in for DNS (e.g. an answer that changes).
 */
@Injectable()
export class HostResolver {
  async lookup(hostname: string): Promise<ResolvedAddress[]> {
    const answers = await lookup(hostname, { all: true });
    return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  }
}
