import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { Environment } from '../../config/environment';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlacementsModule } from '../placements/placements.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { StudentsModule } from '../students/students.module';
import { ImportAccess, ImportsController } from './imports.controller';
import { ImportLimits } from './import-limits';

/**
 * The upload endpoints of the bulk imports (issue #18): authentication, limits and reading the
 * file; what a row means and how it is written belongs to the module owning the rows
 * (StudentImports, PlacementImports, QualificationsService.importFile). Owns no table.
 */
@Module({
  imports: [
    OrganizationsModule,
    StudentsModule,
    PlacementsModule,
    QualificationsModule,
    MulterModule.registerAsync({
      inject: [Environment],
      // One file in memory, never on disk; a larger one is refused with 413 before it is read whole.
      useFactory: (env: Environment) => ({ storage: memoryStorage(), limits: { fileSize: env.IMPORT_MAX_BYTES, files: 1, fields: 5 } }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportLimits, ImportAccess],
})
export class ImportsModule {}
