import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { StudentIdentityEntity } from './student-identity.entity';

/** Student identities by student id, batched per request. */
@Injectable()
export class StudentIdentityLoader implements LoaderFactory<string, StudentIdentityEntity | null> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return keyedLoader(
      (studentIds) => this.dataSource.getRepository(StudentIdentityEntity).findBy({ studentId: In(studentIds) }),
      (row) => row.studentId,
    );
  }
}
