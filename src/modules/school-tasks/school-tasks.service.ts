import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import { HOLDS_SEAT } from '../internships/internship.entity';
import { Events } from '../events/events';
import { SchoolTaskEvent } from './school-tasks.events';
import type { SchoolTasksArgs } from './dto/school-task.input';
import { SchoolTaskEntity, SchoolTaskKind, SchoolTaskStatus } from './school-task.entity';

type NewTask = Pick<SchoolTaskEntity, 'kind' | 'schoolId'> & Partial<Pick<SchoolTaskEntity, 'studentId' | 'reportId' | 'placementId' | 'internshipId'>>;

/** Tasks the system hands schools (R2, R22): opened inside the transaction that causes them, read and completed by the school. */
@Injectable()
export class SchoolTasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: Events,
  ) {}

  /** R22: aftercare for the student a report names, for the reporting school. */
  async openAftercare(manager: EntityManager, actor: Actor, task: { schoolId: string; studentId: string; reportId: string }): Promise<SchoolTaskEntity> {
    const [created] = await this.open(manager, actor, [{ kind: SchoolTaskKind.AFTERCARE, ...task }]);
    return created;
  }

  /**
   * R2, third leg: a placement was suspended because an accreditation was revoked. Each student
   * with an open proposal or a planned or active internship there gets a replacement-search task
   * for her school and goes first among equals in the next match round (she is not penalised).
   * At most one open task per student and placement, however often the cascade reaches it.
   */
  async openReplacementSearches(manager: EntityManager, actor: Actor | null, placementIds: string[]): Promise<SchoolTaskEntity[]> {
    if (!placementIds.length) return [];
    const affected = await manager.query<{ student_id: string; school_id: string; placement_id: string; internship_id: string | null }[]>(
      `SELECT DISTINCT ON (student_id, placement_id) student_id, school_id, placement_id, internship_id FROM (
         SELECT o.student_id, o.school_id, o.placement_id, NULL::uuid AS internship_id FROM proposals o
          WHERE o.placement_id = ANY($1::uuid[]) AND o.status = 'OPEN'
         UNION ALL
         SELECT i.student_id, i.school_id, i.placement_id, i.id FROM internships i
          WHERE i.placement_id = ANY($1::uuid[]) AND i.status IN ${HOLDS_SEAT}
       ) affected ORDER BY student_id, placement_id, internship_id NULLS LAST`,
      [placementIds],
    );
    if (!affected.length) return [];
    const studentIds = [...new Set(affected.map((row) => row.student_id))];
    await manager.query('UPDATE students SET rematch_priority = true WHERE id = ANY($1::uuid[])', [studentIds]);
    await recordAudit(
      manager,
      actor,
      studentIds.map((id) => ({ action: 'student.rematch_priority', entityType: 'student', entityId: id, after: { rematchPriority: true, rule: 'R2' } })),
    );
    return this.open(
      manager,
      actor,
      affected.map((row) => ({
        kind: SchoolTaskKind.REPLACEMENT_SEARCH,
        schoolId: row.school_id,
        studentId: row.student_id,
        placementId: row.placement_id,
        internshipId: row.internship_id,
      })),
    );
  }

  /** Inserts tasks (skipping an open replacement search that already exists), audits them and tells each school's staff. */
  private async open(manager: EntityManager, actor: Actor | null, tasks: NewTask[]): Promise<SchoolTaskEntity[]> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SchoolTaskEntity)
      .values(tasks.map((task) => ({ studentId: null, reportId: null, placementId: null, internshipId: null, ...task, createdByUserId: actor?.userId ?? null })))
      .orIgnore()
      .returning('id')
      .execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    const created = ids.length ? await manager.find(SchoolTaskEntity, { where: { id: In(ids) }, order: { id: 'ASC' } }) : [];
    await recordAudit(manager, actor, created.map((task) => ({ action: 'school_task.created', entityType: 'school_task', entityId: task.id, after: task })));
    await this.events.emit(SchoolTaskEvent.SCHOOL_TASK_CREATED, created.map((task) => ({ taskId: task.id })));
    return created;
  }

  /** A school reads its own tasks; SBB and the operator read every school's. */
  list(actor: Actor, { filter: given, ...page }: SchoolTasksArgs): Promise<Connection<SchoolTaskEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.dataSource.getRepository(SchoolTaskEntity).createQueryBuilder('task').orderBy('task.createdAt', 'DESC').addOrderBy('task.id');
    if (actor.organizationType === OrganizationType.SCHOOL) query.where('task.schoolId = :school', { school: actor.organizationId });
    if (filter.status) query.andWhere('task.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('task.kind = :kind', { kind: filter.kind });
    return paginate(query, page);
  }

  /** OPEN → DONE by the task's own school, with a note; another school's task is NOT_FOUND. */
  async complete(actor: Actor, id: string, note: string): Promise<SchoolTaskEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const task = await manager.findOne(SchoolTaskEntity, { where: { id, schoolId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundError('School task');
      if (task.status !== SchoolTaskStatus.OPEN) throw new ConflictError(`School task ${id} is already ${task.status}`);
      const before = { ...task };
      Object.assign(task, { status: SchoolTaskStatus.DONE, completedAt: new Date(), completedByUserId: actor.userId, completionNote: note });
      await manager.save(task);
      await recordAudit(manager, actor, { action: 'school_task.completed', entityType: 'school_task', entityId: id, before, after: task });
      return task;
    });
  }
}
