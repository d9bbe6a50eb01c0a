import { Module } from '@nestjs/common';
import { StudentsModule } from '../students/students.module';
import { InternshipsResolver, PokFieldsResolver } from './internships.resolver';
import { PoksService } from './poks.service';

/** Internships: what a mutually accepted proposal becomes; the one place a company sees a student's identity (R20). */
@Module({
  imports: [StudentsModule],
  providers: [InternshipsResolver, PokFieldsResolver, PoksService],
  exports: [PoksService],
})
export class InternshipsModule {}
