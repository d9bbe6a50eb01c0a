import { CompaniesModule } from '../companies/companies.module';
import { InternshipsContributions } from './internships.contributions';
import { PlacementsModule } from '../placements/placements.module';
import { Injectable, Module } from '@nestjs/common';
import { type DailyCheck, DailyCheckProvider } from '../../queues/daily-check';
import { GuidanceService } from './guidance.service';
import { InternshipLifecycleService } from './internship-lifecycle.service';
import { INTERNSHIP_LOADERS } from './internships.loaders';
import { StudentsModule } from '../students/students.module';
import { InternshipsResolver, PokFieldsResolver } from './internships.resolver';
import { InternshipsRepository } from './internships.repository';
import { PoksService } from './poks.service';
import { InternshipEvents } from './internships.events';

/** Daily: internships past their midpoint with fewer than two contacts are flagged to both parties, once (R17). */
@Injectable()
@DailyCheckProvider({ name: 'guidance-midpoint', order: 60 })
export class GuidanceMidpointCheck implements DailyCheck {
  constructor(private readonly guidance: GuidanceService) {}

  run(day: string): Promise<void> {
    return this.guidance.alertAtMidpoint(day);
  }
}

/** Internships: what a mutually accepted proposal becomes; the one place a company sees a student's identity (R20). */
@Module({
  imports: [CompaniesModule, PlacementsModule, StudentsModule],
  providers: [InternshipEvents, InternshipsContributions, InternshipsRepository, InternshipsResolver, PokFieldsResolver, PoksService, GuidanceService, InternshipLifecycleService, GuidanceMidpointCheck, ...INTERNSHIP_LOADERS],
  exports: [PoksService, InternshipLifecycleService],
})
export class InternshipsModule {}
