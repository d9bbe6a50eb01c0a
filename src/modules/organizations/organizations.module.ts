import { Module } from '@nestjs/common';
import { TokenService } from '../../common/auth/token.service';
import { AuthService } from './auth.service';
import { OrganizationLoader } from './organization.loader';
import { OrganizationsResolver, UsersResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';

@Module({
  providers: [OrganizationsService, AuthService, TokenService, OrganizationLoader, OrganizationsResolver, UsersResolver],
  exports: [OrganizationsService, AuthService, OrganizationLoader],
})
export class OrganizationsModule {}
