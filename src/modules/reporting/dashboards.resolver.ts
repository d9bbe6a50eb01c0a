import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, OrganizationType, Role } from '../../common/auth/roles';
import { COST_WEIGHT } from '../../common/graphql/cost-weights';
import { DashboardReports, type ReportScope } from './dashboards.reads';
import { PlaceSupplyArgs, StudentsWithoutPlacementArgs, TerminationsReportArgs } from './dto/dashboards.input';
import { PlaceSupplyReportModel, StudentsWithoutPlacementReportModel, TerminationsReportModel } from './models/dashboards.model';

/** A school's dashboards hold only its own students; SBB and the operator see everyone. Companies have none. */
const scopeOf = (actor: Actor): ReportScope => (actor.organizationType === OrganizationType.SCHOOL ? { schoolId: actor.organizationId } : {});

@Resolver()
export class DashboardsResolver {
  constructor(private readonly dashboards: DashboardReports) {}

  @Query(() => PlaceSupplyReportModel, {
    description: `The "enough places" pillar per crebo × province (SBB, the operator and schools; companies FORBIDDEN).
Open seats: over PUBLISHED placements (so not suspended, closed or draft) whose end date has not passed, capacity minus the seats held by PLANNED or ACTIVE internships (as matching counts taken seats), never below 0; open proposals do not reduce it. A placement offering several crebos counts under each of them (the totals count it once); its province is that of its branch's postcode.
Students without a placement: not archived, availability not over (availableUntil ≥ today), and no PLANNED, ACTIVE or COMPLETED internship whose period overlaps her availability window (a TERMINATED one does not count); her province is that of her home postcode. With a sector, students whose crebo a company of that sector is (or was) accredited for.
A school sees the same seats, but the student counts are only its own students (ownStudentsOnly). An unknown region is BAD_USER_INPUT.`,
    complexity: COST_WEIGHT.REPORT,
  })
  @Allow(Role.SBB, Role.PLATFORM, Role.SCHOOL)
  placeSupply(@CurrentActor() actor: Actor, @Args() { filter }: PlaceSupplyArgs) {
    return this.dashboards.placeSupply(filter, scopeOf(actor));
  }

  @Query(() => StudentsWithoutPlacementReportModel, {
    description: `Students without a placement (as in placeSupply) whose BPV start (availableFrom) is at most \`weeks\` ahead (default UNPLACED_ALERT_WEEKS) or has already passed.
A school gets its own students (page of \`students\`, soonest start first, with the days left) and their counts; SBB and the operator get the counts per school, crebo and province only (\`students\` is null). Companies FORBIDDEN; weeks outside 1–52 is BAD_USER_INPUT.`,
    complexity: COST_WEIGHT.REPORT,
  })
  @Allow(Role.SBB, Role.PLATFORM, Role.SCHOOL)
  studentsWithoutPlacement(@CurrentActor() actor: Actor, @Args() args: StudentsWithoutPlacementArgs) {
    return this.dashboards.studentsWithoutPlacement(scopeOf(actor), args);
  }

  @Query(() => TerminationsReportModel, {
    description: `Internships ended early (TERMINATED) whose termination date (Dutch calendar) is in [from, to]: count, by reason as given, by the side that ended it and by the student's crebo; and rematch times (the student's first internship created after the termination).
The region is the province of the placement's branch; the sector that of the company. SBB and the operator see all; a school only its own students' internships; companies FORBIDDEN. from after to, a period over five years or an unknown region is BAD_USER_INPUT.`,
    complexity: COST_WEIGHT.REPORT,
  })
  @Allow(Role.SBB, Role.PLATFORM, Role.SCHOOL)
  terminationsReport(@CurrentActor() actor: Actor, @Args() { filter }: TerminationsReportArgs) {
    return this.dashboards.terminationsReport(filter, scopeOf(actor));
  }
}
