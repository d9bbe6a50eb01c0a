import { Injectable } from '@nestjs/common';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import type { StudentIdentityEntity } from './student-identity.entity';
import { StudentsRepository } from './students.repository';

/** Student identities by student id, batched per request. */
@Injectable()
export class StudentIdentityLoader implements LoaderFactory<string, StudentIdentityEntity | null> {
  constructor(private readonly students: StudentsRepository) {}

  createLoader() {
    return keyedLoader(
      (studentIds) => this.students.committedIdentities(studentIds),
      (row) => row.studentId,
    );
  }
}
