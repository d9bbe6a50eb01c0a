import { Module } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ProtectedAttributesInput } from './dto/protected-attributes.input';
import { ProtectedAttributesService } from './protected-attributes.service';

/** R24: no query returns protected attributes; these mutations answer only true or false. */
@Resolver()
export class ProtectedAttributesResolver {
  constructor(private readonly service: ProtectedAttributesService) {}

  @Mutation(() => Boolean, { description: "School staff record what their student self-reported, with her consent (R24); encrypted, readable by no one" })
  @Allow(Role.SCHOOL)
  recordProtectedAttributes(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string, @Args('input') input: ProtectedAttributesInput) {
    return this.service.record(actor, studentId, input);
  }

  @Mutation(() => Boolean, { description: 'Consent withdrawn: the stored answers are deleted (R24); true when there were any' })
  @Allow(Role.SCHOOL)
  withdrawProtectedAttributesConsent(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string) {
    return this.service.withdraw(actor, studentId);
  }
}

/** SBB oversight (R22–R24); so far the protected attributes and the statistics the audit will use. */
@Module({ providers: [ProtectedAttributesService, ProtectedAttributesResolver] })
export class OversightModule {}
