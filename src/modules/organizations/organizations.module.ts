import { Module } from '@nestjs/common';
import { TokenService } from '../../common/auth/token.service';
import { PreparedQueries } from '../../database/prepared-queries';
import { AuthService } from './auth.service';
import { ExternalSignIn } from './external-sign-in.service';
import { LoginThrottle } from './login-throttle.service';
import { OrganizationLoader } from './organization.loader';
import { OrganizationsResolver, UsersResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { SessionsResolver } from './sessions.resolver';
import { SessionsService } from './sessions.service';
import { OrganizationEvents } from './organizations.events';

@Module({
  providers: [
    OrganizationEvents,
    OrganizationsService,
    AuthService,
    TokenService,
    PreparedQueries,
    LoginThrottle,
    SessionsService,
    OrganizationLoader,
    OrganizationsResolver,
    UsersResolver,
    SessionsResolver,
    ExternalSignIn,
  ],
  exports: [OrganizationsService, AuthService, SessionsService, OrganizationLoader, ExternalSignIn],
})
export class OrganizationsModule {}
