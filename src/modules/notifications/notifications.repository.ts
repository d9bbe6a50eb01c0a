import { Injectable } from '@nestjs/common';
import { In, IsNull, type SelectQueryBuilder } from 'typeorm';
import { PreparedQueries } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { markingDispatched } from '../events/outbox';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity, type DeliveryErrorClass, type DeliveryStatus } from './delivery.entity';
import type { EventType } from './event-type';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/**
 * One statement for a whole dispatch batch, safe to repeat. Per event ($1): one in-app notification
 * per reader (organizations' view `organization_recipients`: the staff users of its organizations, with
 * its role when it names one (a student's own account is never an organization's reader; she reads
 * what names her in `student_ids`), and every user of its `everyoneIn` organizations), one e-mail
 * delivery per such user who has not switched e-mail off for the event type, one webhook delivery
 * per enabled endpoint of those organizations that subscribed to the type. An event announced to
 * several organizations with a text each arrives as several rows of $1 (one user, one endpoint
 * still gets it once). Every notification stores the kind and id of its subject. Existing notifications
 * are skipped, and the no-op update makes RETURNING include deliveries an earlier run created, so a
 * re-run queues what is still pending. The events ($2) are marked dispatched in the same statement
 * (events' `markingDispatched`): from then on their deliveries exist, and a lost delivery job is the
 * reconciler's to find.
 */
const NOTIFY = markingDispatched(
  `
  WITH event AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS e(outbox_id bigint, event_type text, payload jsonb, occurred_at text, organization_ids uuid[], role membership_role, everyone_in uuid[], student_ids uuid[],
           message jsonb, subject_kind text, subject_id uuid)
  ), reader AS (
    SELECT DISTINCT ON (e.outbox_id, r.user_id) e.outbox_id, e.event_type, e.payload, r.user_id, r.organization_id, e.message -> r.language::text AS message,
           e.subject_kind, e.subject_id,
           NOT EXISTS (SELECT FROM notification_preferences p WHERE p.user_id = r.user_id AND p.event_type = e.event_type AND NOT p.email) AS email
      FROM event e CROSS JOIN LATERAL (
        SELECT r.user_id, r.organization_id, r.language FROM organization_recipients r
         WHERE r.student_id IS NULL AND r.organization_id = ANY(e.organization_ids || coalesce(e.everyone_in, '{}'))
           AND (e.role IS NULL OR r.role = e.role OR r.organization_id = ANY(e.everyone_in))
        UNION ALL
        SELECT r.user_id, r.organization_id, r.language FROM organization_recipients r WHERE r.student_id = ANY(e.student_ids)
      ) r
  ), notified AS (
    INSERT INTO notifications (user_id, outbox_id, event_type, payload, title, body, subject_kind, subject_id)
    SELECT user_id, outbox_id, event_type, payload, message ->> 'subject', message ->> 'text', subject_kind, subject_id FROM reader
    ON CONFLICT DO NOTHING
  )
  INSERT INTO deliveries (outbox_id, event_type, channel, organization_id, user_id, endpoint_id, recipient_key, content)
  SELECT outbox_id, event_type, 'EMAIL'::delivery_channel, organization_id, user_id, NULL::uuid, user_id, jsonb_build_object('subject', message -> 'subject', 'text', message -> 'text')
    FROM reader WHERE email
  UNION ALL
  SELECT * FROM (
    SELECT DISTINCT ON (e.outbox_id, w.id) e.outbox_id, e.event_type, 'WEBHOOK'::delivery_channel, w.organization_id, NULL::uuid, w.id, w.id,
           jsonb_build_object('body', jsonb_build_object('event', e.event_type, 'occurredAt', e.occurred_at, 'data', e.payload,
                                                         'subject', jsonb_build_object('kind', e.subject_kind, 'id', e.subject_id)))
      FROM event e JOIN webhook_endpoints w ON w.organization_id = ANY(e.organization_ids || coalesce(e.everyone_in, '{}')) AND w.disabled_at IS NULL AND e.event_type = ANY(w.event_types)
  ) webhook
  ON CONFLICT (outbox_id, channel, recipient_key) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
  RETURNING id, channel, status, manual_retries AS "manualRetries"`,
  2,
);

const LOAD = `
  SELECT d.id, d.status, d.content, d.user_id, d.endpoint_id, e.url, e.secret
    FROM deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
   WHERE d.id = ANY($1::uuid[])`;

/** Every attempt row of the batch and the deliveries' new states in one statement. */
const RECORD = `
  WITH attempt AS (
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::delivery_error_class[], $4::int[], $5::delivery_status[]) AS a(delivery_id, status_code, error, duration_ms, status)
  ), recorded AS (
    INSERT INTO delivery_attempts (delivery_id, status_code, error, duration_ms) SELECT delivery_id, status_code, error, duration_ms FROM attempt
  )
  UPDATE deliveries d SET status = a.status, attempt_count = d.attempt_count + 1, last_error = a.error, updated_at = now(),
         delivered_at = CASE WHEN a.status = 'DELIVERED' THEN now() ELSE d.delivered_at END
    FROM attempt a WHERE d.id = a.delivery_id`;

/** The reconciler's page size. */
export const PENDING_PAGE = 500;

/** PENDING deliveries untouched for $1 seconds, after (updated_at, id) ($2, $3); the time as text keeps its microseconds. */
const PENDING = `
  SELECT id, channel, manual_retries AS "manualRetries", updated_at::text AS "updatedAt" FROM deliveries
   WHERE status = 'PENDING' AND updated_at < now() - make_interval(secs => $1) AND (updated_at, id) > ($2::timestamptz, $3::uuid)
   ORDER BY updated_at, id LIMIT ${PENDING_PAGE}`;

/** An event as the dispatcher hands it over: what it is and who hears of it. */
export interface AnnouncedEvent {
  outbox_id: string;
  event_type: string;
  payload: Record<string, string>;
  occurred_at: string;
  organization_ids: string[];
  role?: string;
  everyone_in?: string[];
  /** Students who hear it on their own accounts (`Announcement.students`). */
  student_ids?: string[];
  message: unknown;
  /** The item the notification is about (its GraphQL type and id). */
  subject_kind: string;
  subject_id: string | null;
}

/** What a delivery needs to be queued. */
export type QueuedDelivery = Pick<DeliveryEntity, 'id' | 'channel' | 'manualRetries'>;

/** A delivery as its channel loads it, with its endpoint's address and secret (webhooks). */
export interface DeliveryRow {
  id: string;
  status: DeliveryStatus;
  content: DeliveryEntity['content'];
  user_id: string | null;
  endpoint_id: string | null;
  url: string | null;
  secret: string | null;
}

export interface AttemptRecord {
  deliveryId: string;
  statusCode: number | null;
  error: DeliveryErrorClass | null;
  durationMs: number;
  status: DeliveryStatus;
}

/**
 * The only place the tables of notifications are named (`notifications`, `deliveries`,
 * `delivery_attempts`, `notification_preferences`, `webhook_endpoints`). The API's statements join
 * the ambient transaction; the worker's hot path (dispatch, delivery attempts, the reconciler) runs
 * fixed statements as prepared ones, outside any transaction.
 */
@Injectable()
export class NotificationsRepository {
  constructor(
    private readonly transactions: Transactions,
    private readonly db: PreparedQueries,
  ) {}

  private get manager() {
    return this.transactions.manager;
  }

  /** Notifications and deliveries of a batch of events, which are then dispatched; returns every delivery of them. */
  notify(events: AnnouncedEvent[]): Promise<(QueuedDelivery & Pick<DeliveryEntity, 'status'>)[]> {
    return this.db.query(NOTIFY, [JSON.stringify(events), events.map((event) => event.outbox_id)]);
  }

  deliveriesToSend(ids: string[]): Promise<DeliveryRow[]> {
    return this.db.query<DeliveryRow>(LOAD, [ids]);
  }

  async recordAttempts(attempts: AttemptRecord[]): Promise<void> {
    await this.db.query(RECORD, [
      attempts.map((a) => a.deliveryId),
      attempts.map((a) => a.statusCode),
      attempts.map((a) => a.error),
      attempts.map((a) => a.durationMs),
      attempts.map((a) => a.status),
    ]);
  }

  /** A page of PENDING deliveries untouched for `seconds`, after `(updatedAt, id)`. */
  pendingDeliveries(seconds: number, after: [string, string]): Promise<(QueuedDelivery & { updatedAt: string })[]> {
    return this.db.query(PENDING, [seconds, ...after]);
  }

  inboxQuery(userId: string): SelectQueryBuilder<NotificationEntity> {
    return this.manager
      .getRepository(NotificationEntity)
      .createQueryBuilder('notification')
      .where('notification.userId = :userId', { userId })
      .orderBy('notification.createdAt', 'DESC')
      .addOrderBy('notification.id');
  }

  /** Marks the user's own unread notifications among `ids` read; returns how many changed. */
  async markRead(userId: string, ids: string[], at: Date): Promise<number> {
    const result = await this.manager.update(NotificationEntity, { id: In(ids), userId, readAt: IsNull() }, { readAt: at });
    return result.affected ?? 0;
  }

  preferences(userId: string): Promise<NotificationPreferenceEntity[]> {
    return this.manager.findBy(NotificationPreferenceEntity, { userId });
  }

  async setEmailPreference(userId: string, eventType: EventType, email: boolean): Promise<void> {
    await this.manager.upsert(NotificationPreferenceEntity, { userId, eventType, email }, ['userId', 'eventType']);
  }

  insertEndpoint(fields: Pick<WebhookEndpointEntity, 'organizationId' | 'url' | 'eventTypes' | 'secret'>): Promise<WebhookEndpointEntity> {
    return this.manager.save(this.manager.create(WebhookEndpointEntity, fields));
  }

  endpointsOf(organizationId: string): Promise<WebhookEndpointEntity[]> {
    return this.manager.find(WebhookEndpointEntity, { where: { organizationId }, order: { createdAt: 'ASC' } });
  }

  endpointOf(id: string, organizationId: string): Promise<WebhookEndpointEntity | null> {
    return this.manager.findOneBy(WebhookEndpointEntity, { id, organizationId });
  }

  endpoint(id: string): Promise<WebhookEndpointEntity> {
    return this.manager.findOneByOrFail(WebhookEndpointEntity, { id });
  }

  saveEndpoint(endpoint: WebhookEndpointEntity): Promise<WebhookEndpointEntity> {
    return this.manager.save(endpoint);
  }

  deliveriesQuery(): SelectQueryBuilder<DeliveryEntity> {
    return this.manager.getRepository(DeliveryEntity).createQueryBuilder('delivery').orderBy('delivery.createdAt', 'DESC').addOrderBy('delivery.id');
  }

  delivery(id: string): Promise<DeliveryEntity | null> {
    return this.manager.findOneBy(DeliveryEntity, { id });
  }

  saveDelivery(delivery: DeliveryEntity): Promise<DeliveryEntity> {
    return this.manager.save(delivery);
  }

  attemptsOf(deliveryIds: readonly string[]): Promise<DeliveryAttemptEntity[]> {
    return this.manager.find(DeliveryAttemptEntity, { where: { deliveryId: In([...deliveryIds]) }, order: { attemptedAt: 'ASC' } });
  }
}
