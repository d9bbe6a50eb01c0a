import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { SsoConfigurationEntity } from './sso-configuration.entity';

/** The only place the `sso_configurations` table is named; joins the ambient transaction. */
@Injectable()
export class SsoRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager() {
    return this.transactions.manager;
  }

  /** An organization's configuration, or null. */
  findOfOrganization(organizationId: string): Promise<SsoConfigurationEntity | null> {
    return this.manager.findOneBy(SsoConfigurationEntity, { organizationId });
  }

  /** An organization's configuration locked FOR UPDATE (two admins configuring at once take turns), or null. */
  lockOfOrganization(organizationId: string): Promise<SsoConfigurationEntity | null> {
    return this.manager.findOne(SsoConfigurationEntity, { where: { organizationId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts or updates the configuration (its key is the organization). */
  save(fields: Partial<SsoConfigurationEntity>): Promise<SsoConfigurationEntity> {
    return this.manager.save(this.manager.create(SsoConfigurationEntity, fields));
  }

  async deleteOfOrganization(organizationId: string): Promise<void> {
    await this.manager.delete(SsoConfigurationEntity, { organizationId });
  }
}
