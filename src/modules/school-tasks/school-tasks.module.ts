import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { StudentsModule } from '../students/students.module';
import { SchoolTasksRepository } from './school-tasks.repository';
import { SchoolTasksResolver } from './school-tasks.resolver';
import { SchoolTasksService } from './school-tasks.service';
import { ReportedCompanies } from './reported-companies';
import { SchoolTaskEvents } from './school-tasks.events';

/** Tasks for schools: aftercare after a discrimination report (R22), replacement searches after a revocation (R2). */
@Module({
  imports: [CompaniesModule, StudentsModule],
  providers: [ReportedCompanies, SchoolTaskEvents, SchoolTasksRepository, SchoolTasksService, SchoolTasksResolver],
  exports: [SchoolTasksService, ReportedCompanies],
})
export class SchoolTasksModule {}
