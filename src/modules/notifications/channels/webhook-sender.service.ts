import { Injectable } from '@nestjs/common';
import { Agent as HttpAgent, type OutgoingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Environment } from '../../../config/environment';
import { DeliveryFailure, type DeliveryToSend } from '../deliveries.service';
import { DeliveryErrorClass } from '../delivery.entity';
import { NotificationsRepository } from '../notifications.repository';
import type { ResolvedAddress } from './host-resolver';
import { BlockedAddressError, HostLookupTimeoutError, WebhookTargetGuard } from './webhook-target-guard.service';
import { DELIVERY_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature';

/** 408 and 429 say "try later"; every other 4xx says the request itself is wrong. */
const RETRYABLE_CLIENT_ERRORS = new Set([408, 429]);

/**
 * Connections per receiver host and process; kept open between deliveries (no TCP/TLS handshake
 * each time). Idle ones do not keep the process alive, and shutdown lets requests in flight finish.
 */
const MAX_SOCKETS = 64;

class ReceiverTimeoutError extends Error {}

/**
 * Hands `net.connect` the addresses the guard checked instead of asking DNS again. The URL keeps
 * its host name, so the Host header and TLS (SNI and certificate) still name it.
 */
function connectOnlyTo(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const candidates = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (candidates.length === 0) {
      callback(Object.assign(new Error(`no checked IPv${options.family} address`), { code: 'ENOTFOUND' }), '', 0);
    } else if (options.all) {
      callback(null, candidates);
    } else {
      callback(null, candidates[0].address, candidates[0].family);
    }
  };
}

/** POSTs a signed JSON delivery; the delivery id lets the receiver drop a repeat. */
@Injectable()
export class WebhookSender {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS });

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly env: Environment,
    private readonly guard: WebhookTargetGuard,
  ) {}

  async send(delivery: Pick<DeliveryToSend, 'id' | 'content' | 'endpointId' | 'endpoint'>): Promise<number> {
    const endpoint = delivery.endpoint ?? (await this.notifications.endpoint(delivery.endpointId!));
    const target = new URL(endpoint.url);
    const addresses = await this.guard.checkedAddresses(target).catch((error: unknown) => {
      if (error instanceof BlockedAddressError) throw new DeliveryFailure(DeliveryErrorClass.BLOCKED_ADDRESS, { permanent: true, cause: error });
      if (error instanceof HostLookupTimeoutError) throw new DeliveryFailure(DeliveryErrorClass.TIMEOUT, { cause: error });
      throw new DeliveryFailure(DeliveryErrorClass.NETWORK_ERROR, { cause: error });
    });

    const body = JSON.stringify({ id: delivery.id, ...delivery.content.body });
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number;
    try {
      status = await this.post(target, addresses, body, {
        'content-type': 'application/json',
        'user-agent': 'Stagematch-Webhooks/1',
        [DELIVERY_HEADER]: delivery.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestamp, body),
      });
    } catch (error) {
      const timedOut = error instanceof ReceiverTimeoutError || (error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
      throw new DeliveryFailure(timedOut ? DeliveryErrorClass.TIMEOUT : DeliveryErrorClass.NETWORK_ERROR, { cause: error });
    }
    if (status >= 200 && status < 300) return status;
    const permanent = status >= 400 && status < 500 && !RETRYABLE_CLIENT_ERRORS.has(status);
    throw new DeliveryFailure(DeliveryErrorClass.HTTP_STATUS, { statusCode: status, permanent });
  }

  /** The receiver's status code; redirects are not followed, and the response body is discarded. */
  private post(target: URL, addresses: ResolvedAddress[], body: string, headers: OutgoingHttpHeaders): Promise<number> {
    const https = target.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (https ? httpsRequest : httpRequest)(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          agent: https ? this.https : this.http,
          lookup: connectOnlyTo(addresses),
          timeout: this.env.WEBHOOK_TIMEOUT_MS,
        },
        (response) => {
          response.resume();
          response.on('error', () => undefined);
          resolve(response.statusCode!);
        },
      );
      request.on('timeout', () => request.destroy(new ReceiverTimeoutError(`no answer within ${this.env.WEBHOOK_TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}
