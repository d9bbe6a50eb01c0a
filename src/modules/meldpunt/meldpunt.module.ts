import { MeldpuntContributions } from './meldpunt.contributions';
import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { SchoolTasksModule } from '../school-tasks/school-tasks.module';
import { StudentsModule } from '../students/students.module';
import { MELDPUNT_LOADERS } from './meldpunt.loaders';
import { MeldpuntRepository } from './meldpunt.repository';
import { MeldpuntResolver } from './meldpunt.resolver';
import { MeldpuntService } from './meldpunt.service';
import { MeldpuntEvents } from './meldpunt.events';

/** The meldpunt (R22): discrimination reports, their flow to SBB, and sanctions. */
@Module({
  imports: [CompaniesModule, SchoolTasksModule, StudentsModule],
  providers: [MeldpuntEvents, MeldpuntContributions, MeldpuntRepository, MeldpuntService, MeldpuntResolver, ...MELDPUNT_LOADERS],
  exports: [MeldpuntService],
})
export class MeldpuntModule {}
