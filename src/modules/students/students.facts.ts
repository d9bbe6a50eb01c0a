import { Injectable } from '@nestjs/common';
import type { StudentIdentityEntity } from './student-identity.entity';
import { type BlindProfile, StudentsRepository } from './students.repository';

export { type StudentProgramme, schoolsOfStudents, studentNamesForSchool, studentProgrammes } from './students.repository';

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
