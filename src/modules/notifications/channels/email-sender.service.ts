import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { Environment } from '../../../config/environment';
import { mailboxes } from '../../organizations/organizations.facts';
import { DeliveryFailure, type DeliveryToSend } from '../deliveries.service';
import { DeliveryErrorClass } from '../delivery.entity';
import { DELIVERY_HEADER } from './webhook-signature';

/** nodemailer's codes for a mail server that did not answer in time, or could not be reached. */
const SMTP_TIMEOUT = new Set(['ETIMEDOUT']);
const SMTP_UNREACHABLE = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS']);

function smtpFailure(error: unknown): DeliveryFailure {
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  if (code && SMTP_TIMEOUT.has(code)) return new DeliveryFailure(DeliveryErrorClass.TIMEOUT, { cause: error });
  if (code && SMTP_UNREACHABLE.has(code)) return new DeliveryFailure(DeliveryErrorClass.NETWORK_ERROR, { cause: error });
  if (typeof responseCode === 'number') return new DeliveryFailure(DeliveryErrorClass.SMTP_REJECTED, { cause: error });
  return new DeliveryFailure(DeliveryErrorClass.INTERNAL_ERROR, { cause: error });
}

/** Sends e-mail deliveries over SMTP (Mailpit locally, a real relay in production). */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {
    this.transport = createTransport(env.SMTP_URL, { pool: true, maxConnections: 4 } as never);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  async send(delivery: Pick<DeliveryToSend, 'id' | 'content' | 'userId' | 'user'>): Promise<null> {
    const user = delivery.user ?? (await mailboxes(this.dataSource, [delivery.userId!])).get(delivery.userId!);
    if (!user) throw new Error(`Delivery ${delivery.id}: its user no longer exists`);
    await this.transport
      .sendMail({
        from: this.env.MAIL_FROM,
        // The object form: nodemailer quotes and escapes the display name (quotes, commas, a trailing backslash) itself.
        to: { name: user.name, address: user.email },
        subject: delivery.content.subject,
        text: delivery.content.text,
        headers: { [DELIVERY_HEADER]: delivery.id },
      })
      .catch((error: unknown) => {
        throw smtpFailure(error);
      });
    return null;
  }
}
