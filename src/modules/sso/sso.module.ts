import { Module } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OidcController } from './oidc.controller';
import { OidcSignIn } from './oidc-sign-in.service';
import { SecretCipher } from './secret-cipher';
import { SsoRepository } from './sso.repository';
import { SsoResolver } from './sso.resolver';
import { SsoService } from './sso.service';

/** Single sign-on over OpenID Connect, per organization; owns `sso_configurations`. */
@Module({
  imports: [OrganizationsModule],
  controllers: [OidcController],
  providers: [
    { provide: SecretCipher, useFactory: (env: Environment) => new SecretCipher(env.SSO_ENCRYPTION_KEY), inject: [Environment] },
    SsoRepository,
    SsoService,
    OidcSignIn,
    SsoResolver,
  ],
})
export class SsoModule {}
