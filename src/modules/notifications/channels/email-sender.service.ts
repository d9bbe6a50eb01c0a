import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { Environment } from '../../../config/environment';
import { UserEntity } from '../../organizations/user.entity';
import type { DeliveryToSend } from '../deliveries.service';
import { DELIVERY_HEADER } from './webhook-signature';

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
    const user = delivery.user ?? (await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: delivery.userId! }));
    await this.transport.sendMail({
      from: this.env.MAIL_FROM,
      to: `"${user.name.replace(/"/g, '')}" <${user.email}>`,
      subject: delivery.content.subject,
      text: delivery.content.text,
      headers: { [DELIVERY_HEADER]: delivery.id },
    });
    return null;
  }
}
