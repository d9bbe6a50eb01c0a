import { CompaniesModule } from '../companies/companies.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { InternshipsContributions } from './internships.contributions';
import { PlacementsModule } from '../placements/placements.module';
import { Injectable, Module } from '@nestjs/common';
import { type DailyCheck, DailyCheckProvider } from '../../queues/daily-check';
import { GuidanceService } from './guidance.service';
import { InternshipLifecycleService } from './internship-lifecycle.service';
import { INTERNSHIP_LOADERS } from './internships.loaders';
import { StudentsModule } from '../students/students.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { GuardianSigningResolver } from './guardian-signing/guardian-signing.resolver';
import { AssessmentsRepository } from './assessments/assessments.repository';
import { AssessmentsResolver } from './assessments/assessments.resolver';
import { AssessmentsService } from './assessments/assessments.service';
import { HoursRepository } from './hours/hours.repository';
import { HoursResolver } from './hours/hours.resolver';
import { HoursService } from './hours/hours.service';
import { InternshipsResolver, PokFieldsResolver } from './internships.resolver';
import { InternshipsRepository } from './internships.repository';
import { PoksService } from './poks.service';
import { InternshipEvents } from './internships.events';
import { SelfFoundInternshipsResolver } from './self-found-internships.resolver';
import { SelfFoundInternshipsService } from './self-found-internships.service';

/** Daily: internships past their midpoint with fewer than two contacts are flagged to both parties, once (R17). */
@Injectable()
@DailyCheckProvider({ name: 'guidance-midpoint', order: 60 })
export class GuidanceMidpointCheck implements DailyCheck {
  constructor(private readonly guidance: GuidanceService) {}

  run(day: string): Promise<void> {
    return this.guidance.alertAtMidpoint(day);
  }
}

/** Daily: a student whose internship starts within a few days is reminded, once (issue #17). */
@Injectable()
@DailyCheckProvider({ name: 'internship-start-reminder', order: 65 })
export class InternshipStartReminder implements DailyCheck {
  constructor(private readonly guidance: GuidanceService) {}

  run(day: string): Promise<void> {
    return this.guidance.remindOfStart(day);
  }
}

/** Internships: what a mutually accepted proposal or a confirmed self-found registration becomes; the one place a company sees a student's identity (R20). */
@Module({
  imports: [OrganizationsModule, CompaniesModule, PlacementsModule, QualificationsModule, StudentsModule],
  providers: [InternshipEvents, InternshipsContributions, InternshipsRepository, InternshipsResolver, PokFieldsResolver, GuardianSigningResolver, PoksService, GuidanceService, InternshipLifecycleService, SelfFoundInternshipsService, SelfFoundInternshipsResolver, GuidanceMidpointCheck, InternshipStartReminder, ...INTERNSHIP_LOADERS, HoursRepository, HoursService, HoursResolver, AssessmentsRepository, AssessmentsService, AssessmentsResolver],
  exports: [PoksService, InternshipLifecycleService, SelfFoundInternshipsService, GuidanceService, HoursService, AssessmentsService],
})
export class InternshipsModule {}
