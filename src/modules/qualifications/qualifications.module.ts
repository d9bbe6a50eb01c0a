import { Module } from '@nestjs/common';
import { QualificationsResolver } from './qualifications.resolver';
import { QualificationsService } from './qualifications.service';

/**
 * SBB's qualification register (issue #18, R4): kwalificatiedossiers with their kerntaken and
 * werkprocessen, versions by validity period. Low in the module order (above organizations): the
 * modules holding crebos (students, placements, agreements, internships) check against it.
 */
@Module({
  providers: [QualificationsService, QualificationsResolver],
  exports: [QualificationsService],
})
export class QualificationsModule {}
