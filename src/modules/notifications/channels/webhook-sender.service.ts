import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../../../config/environment';
import type { DeliveryEntity } from '../delivery.entity';
import { DeliveryFailure } from '../deliveries.service';
import { WebhookEndpointEntity } from '../webhook-endpoint.entity';
import { DELIVERY_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature';

/** 408 and 429 say "try later"; every other 4xx says the request itself is wrong. */
const RETRYABLE_CLIENT_ERRORS = new Set([408, 429]);

/** POSTs a signed JSON delivery; the delivery id lets the receiver drop a repeat. */
@Injectable()
export class WebhookSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {}

  async send(delivery: DeliveryEntity): Promise<number> {
    const endpoint = delivery.endpoint ?? (await this.dataSource.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: delivery.endpointId! }));
    const body = JSON.stringify({ id: delivery.id, ...delivery.content.body });
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Stagematch-Webhooks/1',
          [DELIVERY_HEADER]: delivery.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel();
    } catch (error) {
      throw new DeliveryFailure(`request failed: ${(error as Error).message}`);
    }
    if (response.status >= 200 && response.status < 300) return response.status;
    const permanent = response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_ERRORS.has(response.status);
    throw new DeliveryFailure(`receiver answered ${response.status}`, response.status, permanent);
  }
}
