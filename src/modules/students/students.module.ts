import { PreparedQueries } from '../../database/prepared-queries';
import { Module } from '@nestjs/common';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { StudentIdentityLoader } from './student-identity.loader';
import { StudentsFacts } from './students.facts';
import { StudentsRepository } from './students.repository';
import { StudentIdentityFieldsResolver, StudentsResolver } from './students.resolver';
import { StudentsService } from './students.service';
import { StudentImports } from './student-import';
import { OrganizationsModule } from '../organizations/organizations.module';
import { StudentAccountLoader } from './accounts/student-account.loader';
import { StudentAccountsResolver } from './accounts/student-accounts.resolver';
import { StudentAccountsService } from './accounts/student-accounts.service';

@Module({
  imports: [OrganizationsModule, PostcodesModule, QualificationsModule],
  providers: [PreparedQueries, StudentsRepository, StudentsFacts, StudentsService, StudentsResolver, StudentIdentityFieldsResolver, StudentIdentityLoader, StudentImports, StudentAccountsService, StudentAccountsResolver, StudentAccountLoader],
  exports: [StudentsService, StudentImports, StudentsFacts, StudentIdentityLoader],
})
export class StudentsModule {}
