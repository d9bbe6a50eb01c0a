import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { OrganizationsService } from '../organizations/organizations.service';
import type { ConfigureSsoInput } from './dto/sso.input';
import type { SsoConfigurationModel } from './models/sso-configuration.model';
import { SecretCipher } from './secret-cipher';
import { SsoConfigurationEntity } from './sso-configuration.entity';
import { assertMayManageSso } from './sso.policy';
import { SsoRepository } from './sso.repository';

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
export const oidcStartPath = (organizationId: string) => `/auth/oidc/${organizationId}/start`;

/** The configuration as its admins see it: everything but the secret. */
type Visible = Omit<SsoConfigurationEntity, 'clientSecretSealed' | 'organization' | 'createdAt'>;

/** Per-organization OpenID Connect configurations: kept by the organization's admins and the operator. */
@Injectable()
export class SsoService {
  constructor(
    private readonly transactions: Transactions,
    private readonly configurations: SsoRepository,
    private readonly audit: AuditLog,
    private readonly organizations: OrganizationsService,
    private readonly env: Environment,
    @Inject(SecretCipher) private readonly cipher: SecretCipher,
  ) {}

  async find(actor: Actor, organizationId: string): Promise<SsoConfigurationModel | null> {
    assertMayManageSso(actor, organizationId);
    const stored = await this.configurations.findOfOrganization(organizationId);
    return stored ? this.model(stored) : null;
  }

  async configure(actor: Actor, input: ConfigureSsoInput): Promise<SsoConfigurationModel> {
    assertMayManageSso(actor, input.organizationId);
    const issuer = this.checkedIssuer(input.issuer);
    return this.transactions.run(async () => {
      await this.organizations.findOrganization(input.organizationId).catch(() => {
        throw new NotFoundError('Organization', { field: 'input.organizationId' });
      });
      const stored = await this.configurations.lockOfOrganization(input.organizationId);
      if (!stored && !input.clientSecret) throw BadUserInputError.field('input.clientSecret', 'the client secret is required when single sign-on is first configured');
      const saved = await this.configurations.save({
        ...(stored ?? {}),
        organizationId: input.organizationId,
        issuer,
        clientId: input.clientId.trim(),
        clientSecretSealed: input.clientSecret ? this.cipher.seal(input.clientSecret, input.organizationId) : stored!.clientSecretSealed,
        allowedDomains: [...new Set(input.allowedDomains.map((domain) => domain.trim().toLowerCase()))],
        createUnknownUsers: input.createUnknownUsers,
        newUserRole: input.newUserRole,
        enabled: input.enabled,
      });
      await this.audit.record(actor, {
        action: 'sso.configured',
        entityType: 'organization',
        entityId: input.organizationId,
        before: stored ? visible(stored) : null,
        after: { ...visible(saved), clientSecretChanged: Boolean(input.clientSecret) },
      });
      return this.model(saved);
    });
  }

  async remove(actor: Actor, organizationId: string): Promise<boolean> {
    assertMayManageSso(actor, organizationId);
    return this.transactions.run(async () => {
      const stored = await this.configurations.findOfOrganization(organizationId);
      if (!stored) return false;
      await this.configurations.deleteOfOrganization(organizationId);
      await this.audit.record(actor, { action: 'sso.removed', entityType: 'organization', entityId: organizationId, before: visible(stored) });
      return true;
    });
  }

  /** https only in production: the discovery document and the keys that sign ID tokens come from there. */
  private checkedIssuer(value: string): string {
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      throw BadUserInputError.field('input.issuer', 'the issuer must be a URL such as https://connect.surfconext.nl');
    }
    const allowed = this.env.isProduction ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) throw BadUserInputError.field('input.issuer', this.env.isProduction ? 'the issuer must be an https URL' : 'the issuer must be an http(s) URL');
    if (url.search || url.hash || url.username || url.password) throw BadUserInputError.field('input.issuer', 'the issuer has no query, fragment or credentials');
    return url.href.replace(/\/$/, '');
  }

  private model(stored: SsoConfigurationEntity): SsoConfigurationModel {
    return {
      ...visible(stored),
      redirectUri: `${this.env.PUBLIC_URL}${OIDC_CALLBACK_PATH}`,
      signInUrl: `${this.env.PUBLIC_URL}${oidcStartPath(stored.organizationId)}`,
    };
  }
}

function visible(stored: SsoConfigurationEntity): Visible {
  const { organizationId, issuer, clientId, allowedDomains, createUnknownUsers, newUserRole, enabled, updatedAt } = stored;
  return { organizationId, issuer, clientId, allowedDomains, createUnknownUsers, newUserRole, enabled, updatedAt };
}
