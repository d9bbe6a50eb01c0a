import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import { PreparedQueries, type Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { SchoolStudentCountEntity } from './school-student-count.entity';
import { StudentIdentityEntity } from './student-identity.entity';
import { StudentEntity } from './student.entity';
import type { Leerweg } from '../../common/qualification';

/** A student as a bulk import reads and writes her: profile and identity, by student number. */
export interface ImportedStudent {
  studentNumber: string;
  fullName: string;
  dateOfBirth: string;
  email: string;
  phone: string | null;
  crebo: string;
  level: number;
  leerweg: Leerweg;
  cohort: number;
  learningWish: string;
  werkprocessen: string[];
  homePostcode: string;
  radiusKm: number;
  availableFrom: string;
  availableUntil: string;
  daysPerWeek: number;
  hoursPerWeek: number;
  accessibilityNeeds: string | null;
}

/** The record shape of an imported student in `jsonb_to_recordset` (one parameter per chunk, whatever its size). */
const IMPORTED_RECORD = `r(id uuid, student_number text, full_name text, date_of_birth date, email text, phone text, crebo text, level smallint, leerweg text,
  cohort smallint, learning_wish text, werkprocessen jsonb, home_postcode text, radius_km smallint, available_from date, available_until date,
  days_per_week smallint, hours_per_week smallint, accessibility_needs text)`;
const IMPORT_CHUNK = 2000;

const asRecord = (s: ImportedStudent & { id?: string }) => ({
  id: s.id ?? null, student_number: s.studentNumber, full_name: s.fullName, date_of_birth: s.dateOfBirth, email: s.email, phone: s.phone, crebo: s.crebo,
  level: s.level, leerweg: s.leerweg, cohort: s.cohort, learning_wish: s.learningWish, werkprocessen: s.werkprocessen, home_postcode: s.homePostcode,
  radius_km: s.radiusKm, available_from: s.availableFrom, available_until: s.availableUntil, days_per_week: s.daysPerWeek, hours_per_week: s.hoursPerWeek,
  accessibility_needs: s.accessibilityNeeds,
});

function chunks<T>(items: T[], size = IMPORT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/** The only place the `students`, `student_identities` and `school_student_counts` tables are named; joins the ambient transaction. */
/** A student as a party to her POK: her crebo, school, name, birth date and guardian's contact (issue #17). */
export interface PokParty {
  crebo: string;
  schoolId: string;
  fullName: string;
  dateOfBirth: string;
  guardianName: string | null;
  guardianEmail: string | null;
}

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

  /**
   * Probable duplicates at a school: its other current students with the same name (case and
   * spaces aside) and date of birth, for each `{ fullName, dateOfBirth }` (one statement).
   */
  async probableDuplicates(schoolId: string, people: readonly { fullName: string; dateOfBirth: string; exceptId?: string }[]): Promise<{ index: number; studentId: string; studentNumber: string | null }[]> {
    if (!people.length) return [];
    return this.manager.query(
      `SELECT p.index::int AS "index", s.id AS "studentId", s.student_number AS "studentNumber"
         FROM unnest($2::text[], $3::date[], $4::uuid[]) WITH ORDINALITY AS p(full_name, date_of_birth, except_id, index)
         JOIN student_identities i ON i.date_of_birth = p.date_of_birth AND lower(regexp_replace(trim(i.full_name), '\\s+', ' ', 'g')) = lower(regexp_replace(trim(p.full_name), '\\s+', ' ', 'g'))
         JOIN students s ON s.id = i.student_id AND s.school_id = $1 AND s.archived_at IS NULL
        WHERE p.except_id IS NULL OR s.id <> p.except_id
        ORDER BY p.index, s.created_at`,
      [schoolId, people.map((p) => p.fullName), people.map((p) => p.dateOfBirth), people.map((p) => p.exceptId ?? null)],
    );
  }

  /** The school's students with these student numbers, as an import compares them (one statement per chunk). */
  async importedOfSchool(schoolId: string, studentNumbers: string[]): Promise<Map<string, ImportedStudent & { id: string }>> {
    const found = new Map<string, ImportedStudent & { id: string }>();
    for (const numbers of chunks(studentNumbers, 10_000)) {
      const rows = await this.manager.query<(ImportedStudent & { id: string })[]>(
        `SELECT s.id, s.student_number AS "studentNumber", i.full_name AS "fullName", to_char(i.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", i.email, i.phone,
                s.crebo, s.level, s.leerweg, s.cohort, s.learning_wish AS "learningWish", s.werkprocessen, s.home_postcode AS "homePostcode", s.radius_km AS "radiusKm",
                to_char(s.available_from, 'YYYY-MM-DD') AS "availableFrom", to_char(s.available_until, 'YYYY-MM-DD') AS "availableUntil",
                s.days_per_week AS "daysPerWeek", s.hours_per_week AS "hoursPerWeek", s.accessibility_needs AS "accessibilityNeeds"
           FROM students s JOIN student_identities i ON i.student_id = s.id
          WHERE s.school_id = $1 AND s.student_number = ANY($2::text[])`,
        [schoolId, numbers],
      );
      for (const { id, ...student } of rows) found.set(student.studentNumber, { ...student, id });
    }
    return found;
  }

  /** Inserts imported students and their identities: two statements per chunk of 2,000. Answers the new ids. */
  async insertImported(schoolId: string, students: ImportedStudent[]): Promise<string[]> {
    const ids: string[] = [];
    for (const chunk of chunks(students)) {
      const rows = await this.manager.query<{ id: string }[]>(
        `WITH r AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS ${IMPORTED_RECORD}),
              inserted AS (
                INSERT INTO students (school_id, student_number, crebo, level, leerweg, cohort, learning_wish, werkprocessen, home_postcode, radius_km,
                                      available_from, available_until, days_per_week, hours_per_week, accessibility_needs)
                SELECT $1, student_number, crebo, level, leerweg::leerweg, cohort, learning_wish, ARRAY(SELECT jsonb_array_elements_text(werkprocessen)),
                       home_postcode, radius_km, available_from, available_until, days_per_week, hours_per_week, accessibility_needs
                  FROM r
                RETURNING id, student_number)
         INSERT INTO student_identities (student_id, full_name, date_of_birth, email, phone)
         SELECT inserted.id, r.full_name, r.date_of_birth, r.email, r.phone FROM inserted JOIN r USING (student_number)
         RETURNING student_id AS id`,
        [schoolId, JSON.stringify(chunk.map(asRecord))],
      );
      ids.push(...rows.map((row) => row.id));
    }
    return ids;
  }

  /** Updates imported students and their identities by id: two statements per chunk of 2,000. */
  async updateImported(students: (ImportedStudent & { id: string })[]): Promise<void> {
    for (const chunk of chunks(students)) {
      const records = JSON.stringify(chunk.map(asRecord));
      await this.manager.query(
        `UPDATE students s SET crebo = r.crebo, level = r.level, leerweg = r.leerweg::leerweg, cohort = r.cohort, learning_wish = r.learning_wish,
                werkprocessen = ARRAY(SELECT jsonb_array_elements_text(r.werkprocessen)), home_postcode = r.home_postcode, radius_km = r.radius_km,
                available_from = r.available_from, available_until = r.available_until, days_per_week = r.days_per_week, hours_per_week = r.hours_per_week,
                accessibility_needs = r.accessibility_needs, updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS ${IMPORTED_RECORD}
          WHERE s.id = r.id`,
        [records],
      );
      await this.manager.query(
        `UPDATE student_identities i SET full_name = r.full_name, date_of_birth = r.date_of_birth, email = r.email, phone = r.phone
           FROM jsonb_to_recordset($1::jsonb) AS ${IMPORTED_RECORD}
          WHERE i.student_id = r.id`,
        [records],
      );
    }
  }

  /** Whether another student of the school has this student number. */
  async studentNumberTaken(schoolId: string, studentNumber: string, exceptId?: string): Promise<boolean> {
    const rows = await this.manager.query<unknown[]>(
      'SELECT 1 FROM students WHERE school_id = $1 AND student_number = $2 AND ($3::uuid IS NULL OR id <> $3) LIMIT 1',
      [schoolId, studentNumber, exceptId ?? null],
    );
    return rows.length > 0;
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
  async pokParty(studentId: string): Promise<PokParty | null> {
    const [row] = await this.manager.query<PokParty[]>(
      `SELECT s.crebo, s.school_id AS "schoolId", si.full_name AS "fullName", si.date_of_birth::text AS "dateOfBirth",
              si.guardian_name AS "guardianName", si.guardian_email AS "guardianEmail"
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

export interface StudentProgramme {
  id: string;
  school_id: string;
  crebo: string;
  level: number;
  leerweg: string;
}

/** A student's school and programme (no identity): students' answer for other modules. */
export function studentProgrammes(db: Queryable, ids: string[]): Promise<StudentProgramme[]> {
  return db.query<StudentProgramme>('SELECT id, school_id, crebo, level, leerweg FROM students WHERE id = ANY($1::uuid[])', [ids]);
}

/** Each student's school. */
export async function schoolsOfStudents(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; school_id: string }>('SELECT id, school_id FROM students WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.id, row.school_id]));
}

/**
 * Each student's full name, for messages to her own school only (it knows her); never for a
 * company before both sides accepted (R20).
 */
export async function studentNamesForSchool(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; full_name: string }>('SELECT student_id AS id, full_name FROM student_identities WHERE student_id = ANY($1::uuid[])', [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.id, row.full_name]));
}
