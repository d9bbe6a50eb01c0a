import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { SchoolTaskEntity } from './school-task.entity';

export type NewSchoolTask = Pick<SchoolTaskEntity, 'kind' | 'schoolId'> &
  Partial<Pick<SchoolTaskEntity, 'studentId' | 'reportId' | 'placementId' | 'internshipId'>> & { createdByUserId: string | null };

/** What a task's announcement needs of it, read on the connection the dispatcher gives. */
export function announcedTasks(db: Queryable, ids: string[]) {
  return db.query<{ id: string; school_id: string; kind: string; placement_id: string | null; report_id: string | null }>(
    'SELECT id, school_id, kind, placement_id, report_id FROM school_tasks WHERE id = ANY($1::uuid[])',
    [ids],
  );
}

/** The only place `school_tasks` is named; joins the ambient transaction. */
@Injectable()
export class SchoolTasksRepository {
  constructor(private readonly transactions: Transactions) {}

  /** Inserts the tasks, skipping an open replacement search that already exists; returns those inserted, in id order. */
  async insertNew(tasks: NewSchoolTask[]): Promise<SchoolTaskEntity[]> {
    const manager = this.transactions.manager;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SchoolTaskEntity)
      .values(tasks.map((task) => ({ studentId: null, reportId: null, placementId: null, internshipId: null, ...task })))
      .orIgnore()
      .returning('id')
      .execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    return ids.length ? manager.find(SchoolTaskEntity, { where: { id: In(ids) }, order: { id: 'ASC' } }) : [];
  }

  find(id: string): Promise<SchoolTaskEntity | null> {
    return this.transactions.manager.findOneBy(SchoolTaskEntity, { id });
  }

  /** The school's task, row-locked for the transaction. */
  lockOfSchool(id: string, schoolId: string): Promise<SchoolTaskEntity | null> {
    return this.transactions.manager.findOne(SchoolTaskEntity, { where: { id, schoolId }, lock: { mode: 'pessimistic_write' } });
  }

  save(task: SchoolTaskEntity): Promise<SchoolTaskEntity> {
    return this.transactions.manager.save(task);
  }

  /** Newest first; every school's tasks unless `schoolId` narrows them. */
  listQuery(schoolId: string | null): SelectQueryBuilder<SchoolTaskEntity> {
    const query = this.transactions.manager.getRepository(SchoolTaskEntity).createQueryBuilder('task').orderBy('task.createdAt', 'DESC').addOrderBy('task.id');
    if (schoolId) query.where('task.schoolId = :school', { school: schoolId });
    return query;
  }
}
