import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { createTransport, type Transporter } from 'nodemailer';
import { Environment } from '../../../config/environment';
import { JobName, QueueName } from '../../../queues/queues';
import { PasswordResetService } from '../password-reset/password-reset.service';
import type { GuardianSigningMail, InvitationMail, PasswordResetRequest } from './account-mail';
import { guardianSigningText, invitationText, type MailText, passwordResetText } from './account-mail.texts';

/** Sends account e-mail (invitations, password resets, guardians' POK signing links) over SMTP; a failure is retried with the queues' backoff. */
@Processor(QueueName.ACCOUNT_EMAIL, { concurrency: 4 })
export class AccountMailProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(
    private readonly env: Environment,
    private readonly resets: PasswordResetService,
  ) {
    super();
    this.transport = createTransport(env.SMTP_URL, { pool: true, maxConnections: 2 } as never);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  async process(job: Job): Promise<void> {
    if (job.name === JobName.SEND_INVITATION) {
      const mail = job.data as InvitationMail;
      return this.send(mail.to, invitationText(mail));
    }
    if (job.name === JobName.SEND_GUARDIAN_SIGNING) {
      const mail = job.data as GuardianSigningMail;
      return this.send(mail.to, guardianSigningText(mail));
    }
    if (job.name === JobName.SEND_PASSWORD_RESET) {
      const issued = await this.resets.issue((job.data as PasswordResetRequest).email);
      if (issued) return this.send(issued.user, passwordResetText(issued.user.name, issued.user.language, issued.link));
      return;
    }
    throw new Error(`unknown account e-mail job ${job.name}`);
  }

  private async send(to: { name: string; email: string }, { subject, text }: MailText): Promise<void> {
    await this.transport.sendMail({ from: this.env.MAIL_FROM, to: { name: to.name, address: to.email }, subject, text });
  }
}
