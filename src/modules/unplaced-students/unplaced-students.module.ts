import { Module } from '@nestjs/common';
import { UnplacedStudentsRepository } from './unplaced-students.repository';
import { ReportingReadsModule } from '../reporting/reporting-reads.module';
import { StudentsWithoutPlacementCheck } from './jobs/students-without-placement.check';
import { UnplacedStudentAlertsService } from './unplaced-student-alerts.service';
import { UnplacedStudentEvents } from './unplaced-students.events';

/** Tells a school, once per student and start date, that her student has no placement yet (owns `unplaced_student_alerts`). */
@Module({
  imports: [ReportingReadsModule],
  providers: [UnplacedStudentsRepository, UnplacedStudentEvents, UnplacedStudentAlertsService, StudentsWithoutPlacementCheck],
  exports: [UnplacedStudentAlertsService],
})
export class UnplacedStudentsModule {}
