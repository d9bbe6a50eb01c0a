import { PreparedQueries } from '../../database/prepared-queries';
import { Module } from '@nestjs/common';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { StudentIdentityLoader } from './student-identity.loader';
import { StudentsFacts } from './students.facts';
import { StudentsRepository } from './students.repository';
import { StudentsResolver } from './students.resolver';
import { StudentsService } from './students.service';
import { StudentImports } from './student-import';

@Module({
  imports: [PostcodesModule, QualificationsModule],
  providers: [PreparedQueries, StudentsRepository, StudentsFacts, StudentsService, StudentsResolver, StudentIdentityLoader, StudentImports],
  exports: [StudentsService, StudentImports, StudentsFacts, StudentIdentityLoader],
})
export class StudentsModule {}
