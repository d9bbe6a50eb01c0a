import { Injectable } from '@nestjs/common';
import { In, LessThan, LessThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { AgreementCommitmentEntity, AgreementEntity, AgreementStatus } from './agreement.entity';

/** What an agreement's events tell: its parties, version and end. */
export interface AgreementParties {
  id: string;
  school_id: string;
  company_id: string;
  version: number;
  end_date: string;
}

/** For the event announcements, which get the dispatcher's statements rather than a transaction. */
export function agreementParties(db: Queryable, ids: string[]): Promise<AgreementParties[]> {
  return db.query<AgreementParties>('SELECT id, school_id, company_id, version, end_date::text AS end_date FROM agreements WHERE id = ANY($1::uuid[])', [ids]);
}

type Commitment = Pick<AgreementCommitmentEntity, 'schoolYear' | 'crebo' | 'leerweg' | 'places'>;

/** The only place the `agreements` and `agreement_commitments` tables are named; joins the ambient transaction. */
@Injectable()
export class AgreementsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager() {
    return this.transactions.manager;
  }

  /** A new agreement version with its commitments. */
  insert(fields: Partial<AgreementEntity>, commitments: Commitment[]): Promise<AgreementEntity> {
    return this.manager.save(
      this.manager.create(AgreementEntity, { ...fields, commitments: commitments.map((commitment) => this.manager.create(AgreementCommitmentEntity, commitment)) }),
    );
  }

  save(agreement: AgreementEntity): Promise<AgreementEntity> {
    return this.manager.save(agreement);
  }

  async setLineage(id: string, lineageId: string): Promise<void> {
    await this.manager.update(AgreementEntity, { id }, { lineageId });
  }

  async setStatus(ids: string[], status: AgreementStatus): Promise<void> {
    if (ids.length) await this.manager.update(AgreementEntity, { id: In(ids) }, { status });
  }

  async setRemindersSent(id: string, remindersSent: string[]): Promise<void> {
    await this.manager.update(AgreementEntity, { id }, { remindersSent });
  }

  find(id: string): Promise<AgreementEntity | null> {
    return this.manager.findOneBy(AgreementEntity, { id });
  }

  /** Row-locked for the transaction. */
  lock(id: string): Promise<AgreementEntity | null> {
    return this.manager.findOne(AgreementEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  existsInLineage(lineageId: string, statuses: AgreementStatus[]): Promise<boolean> {
    return this.manager.existsBy(AgreementEntity, { lineageId, status: In(statuses) });
  }

  /** The version of a lineage with one of `statuses`, row-locked. */
  lockInLineage(lineageId: string, statuses: AgreementStatus[]): Promise<AgreementEntity | null> {
    return this.manager.findOne(AgreementEntity, { where: { lineageId, status: In(statuses) }, lock: { mode: 'pessimistic_write' } });
  }

  /** Newest first; `party`: only the agreements it is a party to. */
  listQuery({ party, status }: { party?: string | null; status?: AgreementStatus }): SelectQueryBuilder<AgreementEntity> {
    const query = this.manager.getRepository(AgreementEntity).createQueryBuilder('agreement');
    if (party) query.where('(agreement.schoolId = :org OR agreement.companyId = :org)', { org: party });
    if (status) query.andWhere('agreement.status = :status', { status });
    return query;
  }

  withStatus(status: AgreementStatus): Promise<AgreementEntity[]> {
    return this.manager.findBy(AgreementEntity, { status });
  }

  withStatusStartingBy(status: AgreementStatus, day: string): Promise<AgreementEntity[]> {
    return this.manager.findBy(AgreementEntity, { status, startDate: LessThanOrEqual(day) });
  }

  withStatusEndedBefore(status: AgreementStatus, day: string): Promise<AgreementEntity[]> {
    return this.manager.findBy(AgreementEntity, { status, endDate: LessThan(day) });
  }

  /** Adds reminder `key` to the active agreements ending within `days` of `today` that lack it; returns their ids. */
  async markExpiryReminder(today: string, days: number, key: string): Promise<string[]> {
    // UPDATE … RETURNING through manager.query answers [rows, count].
    const [rows] = await this.manager.query<[{ id: string }[], number]>(
      `UPDATE agreements SET reminders_sent = reminders_sent || $3::text
        WHERE status = 'ACTIVE' AND end_date <= $1::date + $2::int AND NOT ($3 = ANY(reminders_sent)) RETURNING id`,
      [today, days, key],
    );
    return rows.map((row) => row.id);
  }

  /** Adds reminder `key` to the agreements proposed at least `days` before `today` that lack it; returns their ids. */
  async markUnsignedReminder(today: string, days: number, key: string): Promise<string[]> {
    const [rows] = await this.manager.query<[{ id: string }[], number]>(
      `UPDATE agreements SET reminders_sent = reminders_sent || $3::text
        WHERE status = 'PROPOSED' AND proposed_at <= $1::date - $2::int AND NOT ($3 = ANY(reminders_sent)) RETURNING id`,
      [today, days, key],
    );
    return rows.map((row) => row.id);
  }

  commitments(agreementId: string): Promise<AgreementCommitmentEntity[]> {
    return this.manager.find(AgreementCommitmentEntity, { where: { agreementId }, order: { schoolYear: 'ASC', crebo: 'ASC', leerweg: 'ASC' } });
  }

  commitment(id: string): Promise<AgreementCommitmentEntity | null> {
    return this.manager.findOneBy(AgreementCommitmentEntity, { id });
  }

  commitmentsOf(agreementIds: readonly string[]): Promise<AgreementCommitmentEntity[]> {
    return this.manager.find(AgreementCommitmentEntity, { where: { agreementId: In([...agreementIds]) }, order: { schoolYear: 'ASC', crebo: 'ASC' } });
  }

  /** Every version of these lineages, oldest first. */
  versionsOf(lineageIds: readonly string[]): Promise<AgreementEntity[]> {
    return this.manager.find(AgreementEntity, { where: { lineageId: In([...lineageIds]) }, order: { version: 'ASC' } });
  }
}
