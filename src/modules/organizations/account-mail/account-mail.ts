import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, QueueName } from '../../../queues/queues';
import type { Language } from '../user.entity';

/** An invitation e-mail: everything it says, the link included. */
export interface InvitationMail {
  to: { name: string; email: string };
  language: Language;
  organizationName: string;
  invitedBy: string;
  link: string;
  expiresAt: string;
}

/**
 * The link with which the guardian of a student under 18 signs her praktijkovereenkomst (R8, issue
 * #17): the guardian has no account, so this is account e-mail too, with a secret link.
 */
export interface GuardianSigningMail {
  to: { name: string; email: string };
  studentName: string;
  schoolName: string;
  companyName: string;
  pokVersion: number;
  link: string;
  expiresAt: string;
}

/** A password-reset request: the worker looks the address up and, for an active user, makes the link. */
export interface PasswordResetRequest {
  email: string;
}

/**
 * An invitation's link is a secret: its job is removed from Redis once sent (or finally failed),
 * rather than kept a day for debugging like other jobs.
 */
const SECRET_JOB = { removeOnComplete: true, removeOnFail: true } as const;

/**
 * Account e-mail goes through its own BullMQ queue, sent over SMTP (SMTP_URL) by the worker with
 * the queues' retries and backoff, like notifications' e-mail; not through notifications itself,
 * whose recipients are users (an invitee is not one yet) and whose texts are stored and shown in
 * the app (a link with a token must not be).
 */
@Injectable()
export class AccountMail {
  constructor(@InjectQueue(QueueName.ACCOUNT_EMAIL) private readonly queue: Queue) {}

  async invitation(mail: InvitationMail): Promise<void> {
    await this.queue.add(JobName.SEND_INVITATION, mail, SECRET_JOB);
  }

  /** Queue it after the commit of the link it carries (`Transactions.afterCommit`). */
  async guardianSigning(mail: GuardianSigningMail): Promise<void> {
    await this.queue.add(JobName.SEND_GUARDIAN_SIGNING, mail, SECRET_JOB);
  }

  async passwordReset(request: PasswordResetRequest): Promise<void> {
    await this.queue.add(JobName.SEND_PASSWORD_RESET, request, SECRET_JOB);
  }
}
