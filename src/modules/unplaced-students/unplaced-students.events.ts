import { Injectable } from '@nestjs/common';
import { defineEvents, type EventSource, inPayloadOrder } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { studentProgrammes } from '../students/students.facts';

export const UnplacedStudentEvent = { STUDENT_WITHOUT_PLACEMENT: 'STUDENT_WITHOUT_PLACEMENT' } as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    /** `startDate`: her BPV start (YYYY-MM-DD) the alert is for. */
    STUDENT_WITHOUT_PLACEMENT: { studentId: string; startDate: string };
  }
}

/**
 * The school's own staff only; the message names no one (e-mail and webhooks leave the platform):
 * the school finds the student by her id in `studentsWithoutPlacement`.
 */
@RegistersEvents()
@Injectable()
export class UnplacedStudentEvents implements EventSource {
  readonly events = defineEvents(UnplacedStudentEvent, {
    STUDENT_WITHOUT_PLACEMENT: {
      payload: ['studentId', 'startDate'],
      announce: async (payloads, { db }) => {
        const ids = payloads.map((payload) => payload.studentId);
        return inPayloadOrder(await studentProgrammes(db, ids), ids).map((s, index) => {
          if (s instanceof Error) return s;
          const start = payloads[index].startDate;
          return {
            organizationIds: [s.school_id],
            message: {
              nl: {
                subject: `Student zonder stageplaats (start ${start})`,
                text: `Een student (crebo ${s.crebo}, niveau ${s.level}, ${s.leerweg}; id ${s.id}) begint op ${start} aan de BPV maar heeft nog geen stageplaats. Zonder plaats dreigt uitval: zoek samen met haar een plaats.`,
              },
              en: {
                subject: `Student without a placement (start ${start})`,
                text: `A student (crebo ${s.crebo}, level ${s.level}, ${s.leerweg}; id ${s.id}) starts her BPV on ${start} but has no placement yet. Without one she risks dropping out: help her find a place.`,
              },
            },
          };
        });
      },
    },
  });
}
