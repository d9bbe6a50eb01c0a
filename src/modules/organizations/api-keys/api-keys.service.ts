import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, recordAudit } from '../../../common/audit/audit-log';
import type { Actor } from '../../../common/auth/roles';
import { hashSecretToken, newSecretToken } from '../../../common/auth/secret-token';
import { Clock } from '../../../common/clock/clock';
import { BadUserInputError, NotFoundError, ownedOrNotFound, RateLimitedError } from '../../../common/errors/domain-errors';
import type { Connection, ConnectionArgs } from '../../../common/graphql/pagination';
import { MicroBatcher } from '../../../common/micro-batcher';
import { InjectRedis } from '../../../common/redis';
import { Environment } from '../../../config/environment';
import { Transactions } from '../../../database/transactions';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import type { CreateApiKeyInput } from './api-keys.input';

/** Every API key secret starts so, which tells it from a session's JWT. */
export const API_KEY_PREFIX = 'sm_';

/** Counts a key's request in this minute's window; answers the count and the window's remaining milliseconds. */
const COUNT_IN_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

interface Use {
  actor: Actor;
  operation: string | null;
}

const visible = ({ secretHash: _, organization: __, ...rest }: ApiKeyEntity) => rest;

/**
 * API keys for systems (a school's student administration importing students): an organization's
 * admin creates one with a name and a role, sees its secret once and may revoke it. A key acts as
 * its organization with its role, never outside it, and cannot manage users, invitations, sessions
 * or keys (`@PeopleOnly`). Each request is rate-limited per key (API_KEY_REQUESTS_PER_MINUTE) and
 * audited under the key's name; the audit rows and `lastUsedAt` are written in batches (at most a
 * second late, one INSERT and one UPDATE per batch), not one write per request.
 */
@Injectable()
export class ApiKeysService implements OnModuleDestroy {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly uses = new MicroBatcher<Use, null>((uses) => this.recordUses(uses), { maxSize: 200, maxWaitMs: 1000 });

  constructor(
    private readonly transactions: Transactions,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly env: Environment,
    @InjectRedis() private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Before the database closes: the uses still waiting for their batch are written. */
  onModuleDestroy(): Promise<void> {
    return this.uses.drain();
  }

  async create(actor: Actor, input: CreateApiKeyInput): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
    return this.transactions.run(async () => {
      if (await this.keys.nameTaken(actor.organizationId, input.name)) {
        throw BadUserInputError.field('input.name', 'your organization has an API key with this name already (names may not be reused: its uses are audited under it)', 'API_KEY_NAME_TAKEN');
      }
      const { token, hash } = newSecretToken(API_KEY_PREFIX);
      const apiKey = await this.keys.save({
        organizationId: actor.organizationId,
        name: input.name,
        role: input.role,
        secretHash: hash,
        prefix: token.slice(0, 10),
        createdByUserId: actor.userId,
      });
      await this.audit.record(actor, { action: 'api_key.created', entityType: 'api_key', entityId: apiKey.id, after: visible(apiKey) });
      return { apiKey, secret: token };
    });
  }

  async revoke(actor: Actor, id: string): Promise<ApiKeyEntity> {
    return this.transactions.run(async () => {
      const key = await this.keys.unrevokedOf(actor.organizationId, id);
      if (!key) throw new NotFoundError('API key', { field: 'id' });
      const revokedAt = this.clock.now();
      await this.keys.revoke(id, revokedAt);
      await this.audit.record(actor, { action: 'api_key.revoked', entityType: 'api_key', entityId: id, after: { revokedAt } });
      return { ...key, revokedAt };
    });
  }

  /** One of her organization's keys, for its admins (node(id)); never to a key itself. */
  async find(actor: Actor, id: string): Promise<ApiKeyEntity> {
    return ownedOrNotFound('API key', actor.apiKey ? null : await this.keys.of(actor.organizationId, id));
  }

  list(actor: Actor, args: ConnectionArgs): Promise<Connection<ApiKeyEntity>> {
    return this.keys.listOf(actor.organizationId, args);
  }

  /** The actor of a valid, unrevoked key (null otherwise); RATE_LIMITED past its limit. `operation` is the request's operationName, for the audit. */
  async authenticate(secret: string, operation: string | null): Promise<Actor | null> {
    const key = await this.keys.active(hashSecretToken(secret));
    if (!key) return null;
    const [count, ttl] = (await this.redis.eval(COUNT_IN_WINDOW, 1, `${this.env.QUEUE_PREFIX}:api-key-requests:${key.id}`, 60_000)) as [number, number];
    if (count > this.env.API_KEY_REQUESTS_PER_MINUTE) {
      const seconds = Math.max(1, Math.ceil(ttl / 1000));
      throw new RateLimitedError(seconds, `This API key made more than ${this.env.API_KEY_REQUESTS_PER_MINUTE} requests this minute; try again in ${seconds} seconds`);
    }
    const actor: Actor = {
      userId: key.id,
      organizationId: key.organizationId,
      organizationType: key.organizationType,
      membershipRole: key.role,
      apiKey: { id: key.id, name: key.name },
    };
    this.uses.add({ actor, operation }).catch((error: unknown) => this.logger.error(`API key uses not recorded: ${String(error)}`));
    return actor;
  }

  private async recordUses(uses: Use[]): Promise<null[]> {
    const at = this.clock.now();
    const byKey = new Map<string, Use[]>();
    for (const use of uses) byKey.set(use.actor.apiKey!.id, [...(byKey.get(use.actor.apiKey!.id) ?? []), use]);
    for (const [id, group] of byKey) {
      await recordAudit(this.dataSource.manager, group[0].actor, group.map((use) => ({ action: 'api_key.used', entityType: 'api_key', entityId: id, after: { operation: use.operation, at } })));
    }
    await this.keys.touch([...byKey.keys()], at);
    return uses.map(() => null);
  }
}
