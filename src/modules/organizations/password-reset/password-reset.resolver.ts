import { PASSWORD_POLICY } from '../../../common/auth/password-policy';
import { Args, ArgsType, Context, Field, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Public } from '../../../common/auth/allow.decorator';
import type { RequestContext } from '../../../common/auth/request-context';
import { PasswordResetService } from './password-reset.service';

@ArgsType()
export class RequestPasswordResetArgs {
  @Field()
  @IsString()
  @MaxLength(254)
  email: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field({ description: 'The token from the link in the e-mail' })
  @IsString()
  @MaxLength(200)
  token: string;

  @Field({ description: `Her new password. ${PASSWORD_POLICY}` })
  @IsString()
  password: string;
}

@Resolver()
export class PasswordResetResolver {
  constructor(private readonly resets: PasswordResetService) {}

  @Mutation(() => Boolean, {
    description:
      'Always true, whether or not the address has an account (then an e-mail with a single-use link, valid one hour, is sent to it). Counted like failed sign-ins (LOGIN_MAX_FAILURES_PER_ACCOUNT per address, LOGIN_MAX_FAILURES_PER_IP per client, over LOGIN_FAILURE_WINDOW_SECONDS), but apart from them: past a limit RATE_LIMITED',
  })
  @Public()
  async requestPasswordReset(@Args() { email }: RequestPasswordResetArgs, @Context() context: RequestContext) {
    await this.resets.request(email, context.req.ip);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password from the link in the e-mail and ends every session of hers. An unknown, forged, used or expired token is BAD_USER_INPUT on `token` with rule LINK_INVALID',
  })
  @Public()
  async resetPassword(@Args() { token, password }: ResetPasswordArgs) {
    await this.resets.reset(token, password);
    return true;
  }
}
