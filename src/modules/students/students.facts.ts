import type { Queryable } from '../../database/prepared-queries';
import { Injectable } from '@nestjs/common';
import type { StudentIdentityEntity } from './student-identity.entity';
import { type BlindProfile, StudentsRepository } from './students.repository';

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

/** What other modules may read of students. Identity is here only for the modules that must show it (R20). */
@Injectable()
export class StudentsFacts {
  constructor(private readonly students: StudentsRepository) {}

  /** Whether the student is one of the school's (archived or not). */
  isOfSchool(studentId: string, schoolId: string): Promise<boolean> {
    return this.students.existsOfSchool(studentId, schoolId);
  }

  /** Locks an active student of the school against concurrent changes of her list; false when there is none. */
  lockActiveOfSchool(studentId: string, schoolId: string): Promise<boolean> {
    return this.students.lockActiveOfSchool(studentId, schoolId);
  }

  /** student id → school id. */
  schoolsOf(studentIds: string[]): Promise<Map<string, string>> {
    return this.students.schoolsOf(studentIds);
  }

  /** student id → crebo. */
  crebosOf(studentIds: string[]): Promise<Map<string, string>> {
    return this.students.crebosOf(studentIds);
  }

  /** For a POK, once both sides accepted: her crebo, school, name and birth date. */
  pokParty(studentId: string) {
    return this.students.pokParty(studentId);
  }

  identities(studentIds: readonly string[]): Promise<StudentIdentityEntity[]> {
    return this.students.identities(studentIds);
  }

  /** R20: what a company may see of candidates before both sides accept. */
  blindProfiles(studentIds: readonly string[]): Promise<BlindProfile[]> {
    return this.students.blindProfiles(studentIds);
  }
}
