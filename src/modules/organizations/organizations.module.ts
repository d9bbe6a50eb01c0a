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
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { OrganizationEvents } from './organizations.events';
import { AccountMail } from './account-mail/account-mail';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysResolver } from './api-keys/api-keys.resolver';
import { ApiKeysService } from './api-keys/api-keys.service';
import { InvitationsRepository } from './invitations/invitations.repository';
import { InvitationsResolver } from './invitations/invitations.resolver';
import { InvitationsService } from './invitations/invitations.service';
import { OrganizationsRepository } from './organizations.repository';
import { PasswordResetsRepository } from './password-reset/password-resets.repository';
import { PasswordResetResolver } from './password-reset/password-reset.resolver';
import { PasswordResetService } from './password-reset/password-reset.service';
import { UserAdminResolver } from './user-admin/user-admin.resolver';
import { UserAdminService } from './user-admin/user-admin.service';

@Module({
  providers: [
    ExternalSignIn,
    OrganizationEvents,
    OrganizationsService,
    AuthService,
    TokenService,
    PreparedQueries,
    LoginThrottle,
    SessionsRepository,
    SessionsService,
    OrganizationLoader,
    OrganizationsResolver,
    UsersResolver,
    SessionsResolver,
    OrganizationsRepository,
    AccountMail,
    InvitationsRepository,
    InvitationsService,
    InvitationsResolver,
    PasswordResetsRepository,
    PasswordResetService,
    PasswordResetResolver,
    UserAdminService,
    UserAdminResolver,
    ApiKeysRepository,
    ApiKeysService,
    ApiKeysResolver,
  ],
  exports: [OrganizationsService, AuthService, SessionsService, OrganizationLoader, PasswordResetService, ExternalSignIn, InvitationsService, ApiKeysService, AccountMail],
})
export class OrganizationsModule {}
