import { Module } from '@nestjs/common';
import { DashboardsResolver } from './dashboards.resolver';
import { DashboardsService } from './dashboards.service';
import { StudentsWithoutPlacementCheck } from './jobs/students-without-placement.check';
import { DashboardEvents } from './dashboards.events';

/** SBB and school dashboards: places versus students, students without a placement, terminations and rematch times. */
@Module({
  providers: [DashboardEvents, DashboardsService, DashboardsResolver, StudentsWithoutPlacementCheck],
  exports: [DashboardsService],
})
export class DashboardsModule {}
