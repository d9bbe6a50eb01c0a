import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import { PreparedQueries } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { SchoolStudentCountEntity } from './school-student-count.entity';
import { StudentIdentityEntity } from './student-identity.entity';
import { StudentEntity } from './student.entity';

/** The only place the `students`, `student_identities` and `school_student_counts` tables are named; joins the ambient transaction. */
@Injectable()
export class StudentsRepository {
  constructor(
    private readonly transactions: Transactions,
    private readonly db: PreparedQueries,
  ) {}

  private get manager() {
    return this.transactions.manager;
  }

  create(fields: Partial<StudentEntity>): StudentEntity {
    return this.manager.create(StudentEntity, fields);
  }

  merge(student: StudentEntity, changes: Partial<StudentEntity>): StudentEntity {
    return this.manager.merge(StudentEntity, student, changes as StudentEntity);
  }

  save(student: StudentEntity): Promise<StudentEntity> {
    return this.manager.save(student);
  }

  findOfSchool(id: string, schoolId: string): Promise<StudentEntity | null> {
    return this.manager.findOneBy(StudentEntity, { id, schoolId });
  }

  existsOfSchool(id: string, schoolId: string): Promise<boolean> {
    return this.manager.existsBy(StudentEntity, { id, schoolId });
  }

  /**
   * NO KEY UPDATE on a school's active student: enough to keep two changes of her list apart, and
   * it does not block the foreign-key checks (KEY SHARE) of an internship taking her seat under
   * its placement's lock (lock order, README).
   */
  async lockActiveOfSchool(id: string, schoolId: string): Promise<boolean> {
    const rows = await this.manager.query<unknown[]>('SELECT 1 FROM students WHERE id = $1 AND school_id = $2 AND archived_at IS NULL FOR NO KEY UPDATE', [id, schoolId]);
    return rows.length > 0;
  }

  async insertIdentity(identity: Partial<StudentIdentityEntity> & { studentId: string }): Promise<void> {
    await this.manager.insert(StudentIdentityEntity, identity);
  }

  async updateIdentity(studentId: string, identity: Partial<StudentIdentityEntity>): Promise<void> {
    await this.manager.update(StudentIdentityEntity, { studentId }, identity);
  }

  identities(studentIds: readonly string[]): Promise<StudentIdentityEntity[]> {
    return this.manager.findBy(StudentIdentityEntity, { studentId: In([...studentIds]) });
  }

  /** Committed identities in one prepared statement (the per-request loader). */
  committedIdentities(studentIds: readonly string[]): Promise<StudentIdentityEntity[]> {
    return this.db.byIds(StudentIdentityEntity, studentIds);
  }

  /** The students whose flag changes (those already at `value` are left out). */
  async setRematchPriority(studentIds: string[], value: boolean): Promise<string[]> {
    // The flag as a literal, not a parameter: clearing it for a whole round's students is then a scan of the few set ones.
    const [rows] = await this.manager.query<[{ id: string }[], number]>(
      `UPDATE students SET rematch_priority = ${value} WHERE ${value ? 'NOT rematch_priority' : 'rematch_priority'} AND id = ANY($1::uuid[]) RETURNING id`,
      [studentIds],
    );
    return rows.map((row) => row.id);
  }

  /** A school's current (unarchived) students, counted by the triggers that keep `school_student_counts`. */
  async currentCount(schoolId: string): Promise<number> {
    return (await this.db.byIds(SchoolStudentCountEntity, [schoolId]))[0]?.current ?? 0;
  }

  /** The same count as an SQL expression over a student row of `alias` (its school's), for a page query to select with its rows. */
  currentCountSql(alias: string): string {
    return `SELECT coalesce((SELECT counts.current FROM school_student_counts counts WHERE counts.school_id = ${alias}.schoolId), 0)`;
  }

  listQuery(schoolId: string): SelectQueryBuilder<StudentEntity> {
    return this.manager.getRepository(StudentEntity).createQueryBuilder('student').where('student.schoolId = :schoolId', { schoolId });
  }

  /** Joins the identity (alias `identity`) to a list query, once. */
  joinIdentity(query: SelectQueryBuilder<StudentEntity>): SelectQueryBuilder<StudentEntity> {
    if (query.expressionMap.aliases.some((alias) => alias.name === 'identity')) return query;
    return query.innerJoin(StudentIdentityEntity, 'identity', 'identity.studentId = student.id');
  }

  /** Filters a list query by a part of the full name. */
  whereNameContains(query: SelectQueryBuilder<StudentEntity>, name: string): SelectQueryBuilder<StudentEntity> {
    return this.joinIdentity(query).andWhere('identity.fullName ILIKE :name', { name: `%${name.replace(/[\\%_]/g, '\\$&')}%` });
  }

  /** What a POK needs to know of the student: her crebo, her school and (R20: only now, both sides accepted) her name and birth date. */
  async pokParty(studentId: string): Promise<{ crebo: string; schoolId: string; fullName: string; dateOfBirth: string } | null> {
    const [row] = await this.manager.query<{ crebo: string; schoolId: string; fullName: string; dateOfBirth: string }[]>(
      `SELECT s.crebo, s.school_id AS "schoolId", si.full_name AS "fullName", si.date_of_birth::text AS "dateOfBirth"
         FROM students s JOIN student_identities si ON si.student_id = s.id WHERE s.id = $1`,
      [studentId],
    );
    return row ?? null;
  }

  /** The students' crebos: student id → crebo. */
  async crebosOf(studentIds: string[]): Promise<Map<string, string>> {
    const rows = await this.manager.query<{ id: string; crebo: string }[]>('SELECT id, crebo FROM students WHERE id = ANY($1::uuid[])', [studentIds]);
    return new Map(rows.map((row) => [row.id, row.crebo]));
  }

  /** The schools of the students: student id → school id. */
  async schoolsOf(studentIds: string[]): Promise<Map<string, string>> {
    const rows = await this.manager.query<{ id: string; school_id: string }[]>('SELECT id, school_id FROM students WHERE id = ANY($1::uuid[])', [studentIds]);
    return new Map(rows.map((row) => [row.id, row.school_id]));
  }

  /** R20: only the blind columns of a student, never her school, postcode or identity. */
  blindProfiles(ids: readonly string[]): Promise<BlindProfile[]> {
    return this.manager.find(StudentEntity, {
      select: {
        id: true,
        crebo: true,
        level: true,
        leerweg: true,
        learningWish: true,
        werkprocessen: true,
        availableFrom: true,
        availableUntil: true,
        daysPerWeek: true,
        hoursPerWeek: true,
        accessibilityNeeds: true,
      },
      where: { id: In([...ids]) },
    }) as Promise<BlindProfile[]>;
  }
}

/** A student as a company may see her before both sides accept (R20). */
export type BlindProfile = Pick<
  StudentEntity,
  'id' | 'crebo' | 'level' | 'leerweg' | 'learningWish' | 'werkprocessen' | 'availableFrom' | 'availableUntil' | 'daysPerWeek' | 'hoursPerWeek' | 'accessibilityNeeds'
>;
