import { Injectable } from '@nestjs/common';
import { announceEach, defineEvents, type EventSource, inPayloadOrder } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { organizationNames } from '../organizations/organizations.facts';
import { placementSummaries } from '../placements/placements.facts';
import { ReportedCompanies } from './reported-companies';
import { announcedTasks } from './school-tasks.repository';

export const SchoolTaskEvent = {
  /** A school got a task: aftercare (R22) or a replacement search (R2). */
  SCHOOL_TASK_CREATED: 'SCHOOL_TASK_CREATED',
} as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    SCHOOL_TASK_CREATED: { taskId: string };
  }
}

/** A task goes to its school. */
@RegistersEvents()
@Injectable()
export class SchoolTaskEvents implements EventSource {
  constructor(private readonly reportedCompanies: ReportedCompanies) {}

  readonly events = defineEvents(SchoolTaskEvent, {
    SCHOOL_TASK_CREATED: {
      payload: ['taskId'],
      announce: async (payloads, { db }) => {
        const ids = payloads.map((payload) => payload.taskId);
        const tasks = await announcedTasks(db, ids);
        const has = <T>(value: T | null): value is T => value !== null;
        const [placements, reported] = await Promise.all([
          placementSummaries(db, [...new Set(tasks.map((task) => task.placement_id).filter(has))]),
          this.reportedCompanies.call(db, tasks.map((task) => task.report_id).filter(has)),
        ]);
        const placementOf = new Map(placements.map((placement) => [placement.id, placement]));
        const companyOf = (task: (typeof tasks)[number]) =>
          (task.placement_id ? placementOf.get(task.placement_id)?.company_id : undefined) ?? (task.report_id ? reported.get(task.report_id) : undefined);
        const names = await organizationNames(db, tasks.map(companyOf).filter((id): id is string => !!id));
        return announceEach(inPayloadOrder(tasks, ids), (task) => {
          const companyId = companyOf(task);
          const company = companyId ? (names.get(companyId) ?? null) : null;
          const title = task.placement_id ? (placementOf.get(task.placement_id)?.title ?? null) : null;
          return {
            organizationIds: [task.school_id],
            message:
              task.kind === 'AFTERCARE'
                ? {
                    nl: {
                      subject: `Nieuwe taak: nazorg na een melding`,
                      text: `Uw school heeft een melding van discriminatie over ${company ?? 'een leerbedrijf'} gedaan. Bied de student nazorg (R22) en rond de taak af als dat is gebeurd.`,
                    },
                    en: {
                      subject: `New task: aftercare after a report`,
                      text: `Your school reported discrimination by ${company ?? 'a company'}. Offer the student aftercare (R22) and complete the task once that is done.`,
                    },
                  }
                : {
                    nl: {
                      subject: `Nieuwe taak: vervangende stageplaats zoeken`,
                      text: `De erkenning van ${company ?? 'het leerbedrijf'} is ingetrokken of vervallen en de stageplaats "${title ?? '-'}" is opgeschort (R2). Zoek samen met de student een andere plaats; zij wordt niet benadeeld en gaat voor in de volgende matchronde.`,
                    },
                    en: {
                      subject: `New task: find a replacement placement`,
                      text: `The accreditation of ${company ?? 'the company'} was revoked or lapsed and the placement "${title ?? '-'}" suspended (R2). Find the student another place; she is not penalised and goes first in the next match round.`,
                    },
                  },
          };
        });
      },
    },
  });
}
