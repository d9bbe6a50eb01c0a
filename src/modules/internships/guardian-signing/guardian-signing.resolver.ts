import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../../../common/auth/allow.decorator';
import { CurrentActor } from '../../../common/auth/request-context';
import { type Actor, Role } from '../../../common/auth/roles';
import { PokModel, PokTermsModel } from '../models/internship.model';
import { PoksService } from '../poks.service';

@ObjectType('GuardianSigning', { description: "What a guardian's single-use POK signing link shows (issue #17, R8): the terms of one POK version, nothing else about the student" })
export class GuardianSigningModel {
  @Field(() => Int, { description: 'The POK version the link is for' })
  version: number;

  @Field(() => PokTermsModel, { description: 'The terms the guardian signs (her name among them)' })
  terms: PokTermsModel;

  @Field({ description: 'Until when the link works' })
  expiresAt: Date;
}

@ObjectType('GuardianSignature', { description: "The guardian's signature, recorded through the link" })
export class GuardianSignatureModel {
  @Field(() => Int, { description: 'The POK version signed' })
  version: number;

  @Field({ description: 'Whether every party has now signed that version (R8)' })
  fullySigned: boolean;

  @Field()
  at: Date;
}

const TOKEN = 'The token from the link (APP_URL/guardian-signing#token=…)';

/**
 * Her guardian signs her POK through a single-use link (no account, issue #17); her school sends a
 * new one. An unknown, used, expired, revoked or superseded link is BAD_USER_INPUT on `token` with
 * rule LINK_INVALID, the same for each (as for acceptInvitation).
 */
@Resolver()
export class GuardianSigningResolver {
  constructor(private readonly poks: PoksService) {}

  @Query(() => GuardianSigningModel, { description: "Opens a guardian's POK signing link: the terms to sign. An unusable link is BAD_USER_INPUT on `token`, rule LINK_INVALID" })
  @Public()
  async guardianSigning(@Args('token', { description: TOKEN }) token: string): Promise<GuardianSigningModel> {
    const { pok, expiresAt } = await this.poks.guardianSigning(token);
    return { version: pok.version, terms: { ...pok.terms, id: pok.id } as PokTermsModel, expiresAt };
  }

  @Mutation(() => GuardianSignatureModel, { description: "The guardian signs the POK version of the link (R8), once: the link then stops working. An unusable link is BAD_USER_INPUT on `token`, rule LINK_INVALID" })
  @Public()
  async signPokAsGuardian(@Args('token', { description: TOKEN }) token: string): Promise<GuardianSignatureModel> {
    const pok = await this.poks.signAsGuardian(token);
    return { version: pok.version, fullySigned: pok.status === 'SIGNED', at: new Date(pok.signatures.GUARDIAN!.at) };
  }

  @Mutation(() => PokModel, {
    description: "Her school e-mails her guardian a new signing link for a POK version awaiting the guardian's signature (R8): the earlier link stops working, the new one works for 14 days; audited. No guardian e-mail known is BAD_USER_INPUT, rule GUARDIAN_EMAIL_MISSING",
  })
  @Allow(Role.SCHOOL)
  resendGuardianSigningLink(@CurrentActor() actor: Actor, @Args('pokId', { type: () => ID, description: 'The POK version awaiting the guardian' }) pokId: string) {
    return this.poks.resendGuardianLink(actor, pokId);
  }
}
