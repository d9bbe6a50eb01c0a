import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { LocalDateScalar } from '../../common/graphql/scalars';
import { QualificationDossierInput, QualificationDossiersArgs } from './dto/qualification.input';
import { QualificationDossierConnection, QualificationDossierModel } from './models/qualification-dossier.model';
import { QualificationsService } from './qualifications.service';

@Resolver(() => QualificationDossierModel)
export class QualificationsResolver {
  constructor(private readonly service: QualificationsService) {}

  @Query(() => QualificationDossierConnection, { description: "SBB's qualification register (R4): dossier versions by crebo, then validFrom" })
  @Allow(Role.AUTHENTICATED)
  qualificationDossiers(@Args() args: QualificationDossiersArgs) {
    return this.service.list(args);
  }

  @Query(() => QualificationDossierModel, { nullable: true, description: 'The version of a crebo valid on `validOn` (default today), or null: not in the register then (R4)' })
  @Allow(Role.AUTHENTICATED)
  qualificationDossier(
    @Args('crebo', { type: () => String }) crebo: string,
    @Args('validOn', { type: () => LocalDateScalar, nullable: true }) validOn?: string,
  ) {
    return this.service.find(crebo, validOn);
  }

  @Mutation(() => QualificationDossierModel, {
    description: 'SBB only: saves one version of a kwalificatiedossier (R4); the version of that crebo and validFrom is replaced. A file of many: POST /imports/qualifications',
  })
  @Allow(Role.SBB)
  saveQualificationDossier(@CurrentActor() actor: Actor, @Args('input') input: QualificationDossierInput) {
    return this.service.save(actor, input);
  }
}
