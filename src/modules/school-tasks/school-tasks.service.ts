import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AccreditationLossHooks } from '../companies/accreditation-loss';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Events } from '../events/events';
import { SchoolTaskEvent } from './school-tasks.events';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { seatHoldersAt } from '../internships/internships.facts';
import { openProposalsAt } from '../matching/matching.facts';
import type { SchoolTasksArgs } from './dto/school-task.input';
import { StudentsService } from '../students/students.service';
import { type SchoolTaskEntity, SchoolTaskKind, SchoolTaskStatus } from './school-task.entity';
import { SchoolTasksRepository } from './school-tasks.repository';
import { SchoolTasksPolicy } from './school-tasks.policy';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type NewTask = Pick<SchoolTaskEntity, 'kind' | 'schoolId'> & Partial<Pick<SchoolTaskEntity, 'studentId' | 'reportId' | 'placementId' | 'internshipId'>>;

/** Tasks the system hands schools (R2, R22): opened inside the transaction that causes them, read and completed by the school. */
@Injectable()
export class SchoolTasksService implements OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly tasks: SchoolTasksRepository,
    private readonly students: StudentsService,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly lossHooks: AccreditationLossHooks,
  ) {}

  onModuleInit(): void {
    this.lossHooks.onSuspended.register('replacement-searches', 10, async (actor, placementIds) => void (await this.openReplacementSearches(actor, placementIds)));
  }

  /** R22: aftercare for the student a report names, for the reporting school. */
  async openAftercare(actor: Actor, task: { schoolId: string; studentId: string; reportId: string }): Promise<SchoolTaskEntity> {
    const [created] = await this.open(actor, [{ kind: SchoolTaskKind.AFTERCARE, ...task }]);
    return created;
  }

  /**
   * R2, third leg: a placement was suspended because an accreditation was revoked. Each student
   * with an open proposal or a planned or active internship there gets a replacement-search task
   * for her school and goes first among equals in the next match round (she is not penalised).
   * At most one open task per student and placement, however often the cascade reaches it.
   */
  async openReplacementSearches(actor: Actor | null, placementIds: string[]): Promise<SchoolTaskEntity[]> {
    if (!placementIds.length) return [];
    const db = this.transactions.manager;
    // Per student and placement one task; her internship there, if any, rather than her proposal.
    const affected = new Map<string, { studentId: string; schoolId: string; placementId: string; internshipId: string | null }>();
    for (const proposal of await openProposalsAt(db, placementIds)) affected.set(`${proposal.studentId}/${proposal.placementId}`, { ...proposal, internshipId: null });
    for (const seat of await seatHoldersAt(db, placementIds)) affected.set(`${seat.studentId}/${seat.placementId}`, { ...seat, internshipId: seat.id });
    if (!affected.size) return [];
    const rows = [...affected.values()].sort((a, b) => (a.studentId === b.studentId ? compare(a.placementId, b.placementId) : compare(a.studentId, b.studentId)));
    const studentIds = [...new Set(rows.map((row) => row.studentId))];
    await this.students.setRematchPriority(actor, studentIds, true, 'R2');
    return this.open(
      actor,
      rows.map((row) => ({
        kind: SchoolTaskKind.REPLACEMENT_SEARCH,
        schoolId: row.schoolId,
        studentId: row.studentId,
        placementId: row.placementId,
        internshipId: row.internshipId,
      })),
    );
  }

  /** Inserts tasks (skipping an open replacement search that already exists), audits them and tells each school's staff. */
  private async open(actor: Actor | null, tasks: NewTask[]): Promise<SchoolTaskEntity[]> {
    const created = await this.tasks.insertNew(tasks.map((task) => ({ ...task, createdByUserId: actor?.userId ?? null })));
    await this.audit.record(actor, created.map((task) => ({ action: 'school_task.created', entityType: 'school_task', entityId: task.id, after: task })));
    await this.events.emit(SchoolTaskEvent.SCHOOL_TASK_CREATED, created.map((task) => ({ taskId: task.id })));
    return created;
  }

  /** One task: its own school, SBB and the operator read it; another school's is NOT_FOUND, as an unknown id. */
  async find(actor: Actor, id: string): Promise<SchoolTaskEntity> {
    const school = SchoolTasksPolicy.listedSchool(actor);
    return ownedOrNotFound('SchoolTask', await this.tasks.find(id), { visible: (task) => school === null || task.schoolId === school });
  }

  /** A school reads its own tasks; SBB and the operator read every school's. */
  list(actor: Actor, { filter: given, orderBy, ...page }: SchoolTasksArgs): Promise<Connection<SchoolTaskEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.tasks.listQuery(SchoolTasksPolicy.listedSchool(actor));
    if (filter.status) query.andWhere('task.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('task.kind = :kind', { kind: filter.kind });
    const ordering = orderingOf(
      { CREATED_AT: 'task.createdAt', STATUS: ['task.status', 'task.createdAt'], KIND: ['task.kind', 'task.createdAt'] },
      'task.id',
      orderBy,
      { field: 'CREATED_AT', direction: SortDirection.DESC },
    );
    return paginate(query, page, { ordering });
  }

  /** OPEN → DONE by the task's own school, with a note; another school's task is NOT_FOUND. */
  async complete(actor: Actor, id: string, note: string): Promise<SchoolTaskEntity> {
    return this.transactions.run(async () => {
      const task = await this.tasks.lockOfSchool(id, SchoolTasksPolicy.completingSchool(actor));
      if (!task) throw new NotFoundError('School task');
      if (task.status !== SchoolTaskStatus.OPEN) throw new ConflictError(`School task ${id} is already ${task.status}`);
      const before = { ...task };
      Object.assign(task, { status: SchoolTaskStatus.DONE, completedAt: this.clock.now(), completedByUserId: actor.userId, completionNote: note });
      await this.tasks.save(task);
      await this.audit.record(actor, { action: 'school_task.completed', entityType: 'school_task', entityId: id, before, after: task });
      return task;
    });
  }
}
