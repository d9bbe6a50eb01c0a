/** Every BullMQ queue of the system. */
export enum QueueName {
  MAINTENANCE = 'maintenance',
  COMPLIANCE = 'compliance',
  MATCHING = 'matching',
  NOTIFICATION_DISPATCH = 'notification-dispatch',
  NOTIFICATION_EMAIL = 'notification-email',
  NOTIFICATION_WEBHOOK = 'notification-webhook',
  ACCOUNT_EMAIL = 'account-email',
}

/** Every job type; a job's payload carries ids only. */
export enum JobName {
  DAILY_RUN = 'daily-run',
  REEVALUATE_FOR_NORM_SET = 'reevaluate-for-norm-set',
  RUN_MATCH_ROUND = 'run-match-round',
  DISPATCH_EVENT = 'dispatch-event',
  SEND_EMAIL = 'send-email',
  SEND_WEBHOOK = 'send-webhook',
  SEND_INVITATION = 'send-invitation',
  SEND_PASSWORD_RESET = 'send-password-reset',
  SEND_GUARDIAN_SIGNING = 'send-guardian-signing',
}

/** Retries with exponential backoff; finished jobs are trimmed but kept long enough to debug. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
