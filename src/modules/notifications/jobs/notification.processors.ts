import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../../queues/queues';
import { EmailSender } from '../channels/email-sender.service';
import { WebhookSender } from '../channels/webhook-sender.service';
import { DeliveriesService } from '../deliveries.service';
import { NotificationDispatcher } from '../notification-dispatcher.service';
import type { DispatchJobData } from '../../events/outbox-relay.service';

// Concurrent jobs share micro-batches (see NotificationDispatcher, DeliveriesService). More
// concurrency does not help: a BullMQ worker fetches waiting jobs one round trip at a time and
// starts none of them until it has fetched as many as its concurrency allows or the queue is empty,
// so larger settings (128/256 were tried) only add latency.

/** An outbox event → notifications and deliveries. */
@Processor(QueueName.NOTIFICATION_DISPATCH, { concurrency: 32 })
export class DispatchEventProcessor extends WorkerHost {
  constructor(private readonly dispatcher: NotificationDispatcher) {
    super();
  }

  process(job: Job<DispatchJobData>): Promise<void> {
    return this.dispatcher.dispatch(job.data);
  }
}

/** One e-mail delivery. */
@Processor(QueueName.NOTIFICATION_EMAIL, { concurrency: 8 })
export class SendEmailProcessor extends WorkerHost {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly email: EmailSender,
  ) {
    super();
  }

  process(job: Job<{ deliveryId: string }>): Promise<void> {
    return this.deliveries.attempt(job, (delivery) => this.email.send(delivery));
  }
}

/** One webhook delivery. */
@Processor(QueueName.NOTIFICATION_WEBHOOK, { concurrency: 64 })
export class SendWebhookProcessor extends WorkerHost {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly webhooks: WebhookSender,
  ) {
    super();
  }

  process(job: Job<{ deliveryId: string }>): Promise<void> {
    return this.deliveries.attempt(job, (delivery) => this.webhooks.send(delivery));
  }
}
