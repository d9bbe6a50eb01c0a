/**
 * What other modules use of the outbox with a manager or `Queryable` of their own (the dispatcher,
 * the reconciler, the match-round runner, placement verdicts). The SQL lives in `events.repository.ts`;
 * services emit through `Events.emit`.
 */
export { markingDispatched, type OutboxRow, outboxRows, recordEvents, recordEventsSelected, undispatchedEvents } from './events.repository';
