import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { LocalDateScalar } from '../../common/graphql/scalars';
import { type AccreditationEntity, AccreditationStatus } from './accreditation.entity';
import { reapplicableFrom, reviewDueOn } from './accreditation-dates';
import { AccreditationLifecycleService } from './accreditation-lifecycle.service';
import type { AccreditationRefusalEntity } from './accreditation-refusal.entity';
import { AccreditationRefusalsArgs, RecordAccreditationReviewInput, RefuseAccreditationInput } from './dto/accreditation-lifecycle.input';
import { AccreditationRefusalConnection, AccreditationRefusalModel } from './models/accreditation-lifecycle.model';
import { AccreditationModel } from './models/company.model';

/** The accreditation lifecycle (R3): reviews every four years and the lapse, on the Accreditation type. */
@Resolver(() => AccreditationModel)
export class AccreditationLifecycleResolver {
  constructor(private readonly lifecycle: AccreditationLifecycleService) {}

  @ResolveField(() => LocalDateScalar, {
    nullable: true,
    description: 'When the next four-yearly SBB review falls due: lastReviewedOn + 4 years (R3); null unless ACTIVE',
  })
  @Allow(Role.AUTHENTICATED)
  reviewDueOn(@Parent() accreditation: AccreditationEntity): string | null {
    return accreditation.status === AccreditationStatus.ACTIVE ? reviewDueOn(accreditation.lastReviewedOn) : null;
  }

  @Mutation(() => AccreditationModel, {
    description: 'SBB only (R3): the four-yearly review took place; ACTIVE only (else CONFLICT), not in the future, not before the last review',
  })
  @Allow(Role.SBB)
  recordAccreditationReview(@CurrentActor() actor: Actor, @Args('input') input: RecordAccreditationReviewInput) {
    return this.lifecycle.recordReview(actor, input);
  }
}

/** Refused applications (R3): a grant within six months of one is refused. */
@Resolver(() => AccreditationRefusalModel)
export class AccreditationRefusalsResolver {
  constructor(private readonly lifecycle: AccreditationLifecycleService) {}

  @Mutation(() => AccreditationRefusalModel, {
    description: 'SBB only (R3): records a refused application; the branch may be accredited for the crebo again six months later',
  })
  @Allow(Role.SBB)
  refuseAccreditation(@CurrentActor() actor: Actor, @Args('input') input: RefuseAccreditationInput) {
    return this.lifecycle.refuse(actor, input);
  }

  @Query(() => AccreditationRefusalConnection, {
    description: "Refused applications (R3), newest first: SBB sees all, a company only its own (another company's: FORBIDDEN)",
  })
  @Allow(Role.SBB, Role.COMPANY)
  accreditationRefusals(@CurrentActor() actor: Actor, @Args() args: AccreditationRefusalsArgs) {
    return this.lifecycle.listRefusals(actor, args);
  }

  @ResolveField(() => LocalDateScalar, { description: 'The first day the branch may be accredited for this crebo again: refusedOn + 6 months (R3)' })
  @Allow(Role.SBB, Role.COMPANY)
  reapplicableFrom(@Parent() refusal: AccreditationRefusalEntity): string {
    return reapplicableFrom(refusal.refusedOn);
  }
}
