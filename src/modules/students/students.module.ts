import { Module } from '@nestjs/common';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { StudentIdentityLoader } from './student-identity.loader';
import { StudentsResolver } from './students.resolver';
import { StudentsService } from './students.service';

@Module({
  imports: [PostcodesModule],
  providers: [StudentsService, StudentsResolver, StudentIdentityLoader],
  exports: [StudentsService, StudentIdentityLoader],
})
export class StudentsModule {}
