import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Transactions } from '../../../database/transactions';
import { PasswordResetEntity } from './password-reset.entity';

/** `password_resets`, in the ambient transaction. */
@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get resets() {
    return this.transactions.manager.getRepository(PasswordResetEntity);
  }

  async insert(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.resets.insert({ userId, tokenHash, expiresAt, usedAt: null });
  }

  /** The unused link with this token hash, locked (two uses at once: the second waits, then finds it used). */
  unusedByHash(tokenHash: string): Promise<PasswordResetEntity | null> {
    return this.resets.createQueryBuilder('r').setLock('pessimistic_write').where('r.token_hash = :tokenHash AND r.used_at IS NULL', { tokenHash }).getOne();
  }

  /** Every unused link of hers ends with one reset. */
  async useAllOf(userId: string, at: Date): Promise<void> {
    await this.resets.update({ userId, usedAt: IsNull() }, { usedAt: at });
  }
}
