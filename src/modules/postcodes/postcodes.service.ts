import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Transactions } from '../../database/transactions';
import type { PostcodeEntity } from './postcode.entity';
import { PostcodesRepository } from './postcodes.repository';

/** A region is a province of the PC4 table; anything else is BAD_USER_INPUT naming the field. */
export async function requireProvince(db: Pick<DataSource, 'query'>, region: string | undefined, field: string, rule?: string): Promise<void> {
  if (region === undefined) return;
  if (!(await PostcodesRepository.isProvince(db, region))) throw BadUserInputError.field(field, `${region} is not a Dutch province`, rule);
}

@Injectable()
export class PostcodesService {
  /**
   * The PC4 areas found so far. The table is reference data that only a migration changes (CBS
   * centroids), so a found area stays true for the process's life; at most the ~4,000 areas that
   * exist (an unknown postcode is not kept). Saves the search near a postcode one statement.
   */
  private readonly known = new Map<string, PostcodeEntity>();

  constructor(private readonly transactions: Transactions) {}

  /** Which of `pc4s` exist in the PC4 table (a bulk import's door check): one statement for those not known yet. */
  async existing(pc4s: readonly string[]): Promise<Set<string>> {
    const unknown = [...new Set(pc4s)].filter((pc4) => !this.known.has(pc4));
    const found = unknown.length ? await PostcodesRepository.existing(this.transactions.manager, unknown) : new Set<string>();
    return new Set([...pc4s].filter((pc4) => this.known.has(pc4) || found.has(pc4)));
  }

  /** The PC4 area, or BAD_USER_INPUT naming the field when no such postcode exists. */
  async require(pc4: string, field: string): Promise<PostcodeEntity> {
    const postcode = this.known.get(pc4) ?? (await PostcodesRepository.area(this.transactions.manager, pc4));
    if (!postcode) throw BadUserInputError.field(field, `postcode ${pc4} does not exist`);
    this.known.set(pc4, postcode);
    return postcode;
  }
}
