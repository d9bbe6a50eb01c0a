/** Every BullMQ queue of the system. */
export enum QueueName {
  MAINTENANCE = 'maintenance',
}

/** Every job type; a job's payload carries ids only. */
export enum JobName {
  CLOSE_EXPIRED_PLACEMENTS = 'close-expired-placements',
}

/** Retries with exponential backoff; finished jobs are trimmed but kept long enough to debug. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
