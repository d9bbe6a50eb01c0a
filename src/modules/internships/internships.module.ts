import { Module } from '@nestjs/common';
import { StudentsModule } from '../students/students.module';
import { InternshipsResolver } from './internships.resolver';

/** Internships: what a mutually accepted proposal becomes; the one place a company sees a student's identity (R20). */
@Module({
  imports: [StudentsModule],
  providers: [InternshipsResolver],
})
export class InternshipsModule {}
