import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { MembershipRole, OrganizationType } from '../../../common/auth/roles';
import { type Connection, type ConnectionArgs, paginate } from '../../../common/graphql/pagination';
import { PreparedQueries } from '../../../database/prepared-queries';
import { Transactions } from '../../../database/transactions';
import { ApiKeyEntity } from './api-key.entity';

export interface ActiveApiKey {
  id: string;
  name: string;
  organizationId: string;
  organizationType: OrganizationType;
  role: MembershipRole;
}

/** Every request with an API key runs this: one lookup by the unique secret hash. */
const ACTIVE_KEY_SQL = `
  SELECT k.id, k.name, k.organization_id AS "organizationId", o.type AS "organizationType", k.role
    FROM api_keys k JOIN organizations o ON o.id = k.organization_id
   WHERE k.secret_hash = $1 AND k.revoked_at IS NULL`;

/** `api_keys`: changes in the ambient transaction, the per-request lookup and the batched uses on prepared statements. */
@Injectable()
export class ApiKeysRepository {
  constructor(
    private readonly transactions: Transactions,
    private readonly db: PreparedQueries,
  ) {}

  private get keys() {
    return this.transactions.manager.getRepository(ApiKeyEntity);
  }

  nameTaken(organizationId: string, name: string): Promise<boolean> {
    return this.keys.existsBy({ organizationId, name });
  }

  save(key: Pick<ApiKeyEntity, 'organizationId' | 'name' | 'role' | 'secretHash' | 'prefix' | 'createdByUserId'>): Promise<ApiKeyEntity> {
    return this.keys.save(this.keys.create({ ...key, lastUsedAt: null, revokedAt: null }));
  }

  unrevokedOf(organizationId: string, id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ id, organizationId, revokedAt: IsNull() });
  }

  of(organizationId: string, id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ id, organizationId });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.keys.update({ id }, { revokedAt: at });
  }

  listOf(organizationId: string, args: ConnectionArgs): Promise<Connection<ApiKeyEntity>> {
    const query = this.keys.createQueryBuilder('key').where('key.organizationId = :organizationId', { organizationId }).orderBy('key.name').addOrderBy('key.id');
    return paginate(query, args);
  }

  async active(secretHash: string): Promise<ActiveApiKey | null> {
    const [row] = await this.db.query<ActiveApiKey>(ACTIVE_KEY_SQL, [secretHash]);
    return row ?? null;
  }

  /** One statement for a batch of uses: each key's latest. */
  async touch(ids: string[], at: Date): Promise<void> {
    await this.db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = ANY($1::uuid[])', [ids, at]);
  }
}
