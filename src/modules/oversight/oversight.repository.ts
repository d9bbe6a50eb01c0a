import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { StudentGroupsSql } from '../reporting/adverse-impact.reads';
import { AdverseImpactFlagEntity } from './adverse-impact-flag.entity';
import { blindIndexSql } from './attribute-cipher';
import { AUDIT_GROUNDS, type AuditGround, ProtectedAttributesEntity } from './protected-attributes.entity';

/** The only place the `protected_attributes` and `adverse_impact_flags` tables are named; joins the ambient transaction. */
@Injectable()
export class OversightRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager() {
    return this.transactions.manager;
  }

  /** Stores a student's sealed answers and blind indexes, replacing what was there. */
  async saveAttributes(fields: Partial<ProtectedAttributesEntity> & { studentId: string }): Promise<void> {
    await this.manager.save(this.manager.create(ProtectedAttributesEntity, fields));
  }

  /** Deletes a student's answers; false when there were none. */
  async deleteAttributes(studentId: string): Promise<boolean> {
    const { affected } = await this.manager.delete(ProtectedAttributesEntity, { studentId });
    return Boolean(affected);
  }

  /**
   * Each student's group on `ground`, from the blind index of her answers: a join with the
   * ground's answers (a VALUES list), so the planner knows there are only a few groups.
   */
  studentGroups(ground: AuditGround, indexKey: Buffer): StudentGroupsSql {
    const { values, indexColumn } = AUDIT_GROUNDS[ground];
    return (param) => {
      const answers = values.map((value) => `(${param(value)})`).join(', ');
      return `SELECT pa.student_id, v.grp FROM protected_attributes pa JOIN (VALUES ${answers}) AS v(grp)
                ON pa.${indexColumn} = ${blindIndexSql('pa.student_id', param(ground), 'v.grp', param(indexKey))}`;
    };
  }

  async insertFlags(flags: Partial<AdverseImpactFlagEntity>[]): Promise<void> {
    if (flags.length) await this.manager.getRepository(AdverseImpactFlagEntity).insert(flags);
  }

  /** A company's flags raised by `until`, the latest per ground. */
  flag(id: string): Promise<AdverseImpactFlagEntity | null> {
    return this.manager.getRepository(AdverseImpactFlagEntity).findOneBy({ id });
  }

  latestFlagsOf(companyId: string, until: Date): Promise<AdverseImpactFlagEntity[]> {
    return this.manager
      .getRepository(AdverseImpactFlagEntity)
      .createQueryBuilder('flag')
      .distinctOn(['flag.ground'])
      .where('flag.companyId = :companyId AND flag.flaggedAt <= :until', { companyId, until })
      .orderBy('flag.ground')
      .addOrderBy('flag.flaggedAt', 'DESC')
      .getMany();
  }
}
