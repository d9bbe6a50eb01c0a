import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ExportsController } from './exports.controller';
import { ExportsResolver } from './exports.resolver';
import { ExportsService } from './exports.service';

/**
 * CSV downloads of the SBB reports through sealed, expiring links (issue #7). It imports no
 * report's module: every provider marked `@Exportable()` (reporting's, oversight's) is found at boot.
 */
@Module({
  imports: [DiscoveryModule, OrganizationsModule],
  controllers: [ExportsController],
  providers: [ExportsService, ExportsResolver],
})
export class ExportsModule {}
