import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import { ownedOrNotFound } from '../../common/errors/domain-errors';
import type { Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { type EntityManager, In, LessThan, Not, type SelectQueryBuilder } from 'typeorm';
import { ContactMomentEntity } from './contact-moment.entity';
import { EvaluationEntity, type Evaluator } from './evaluation.entity';
import { InternshipRegistrationEntity, RegistrationStatus } from './internship-registration.entity';
import { InternshipEntity, type InternshipStatus } from './internship.entity';
import { InternshipsPolicy } from './internships.policy';
import { PokEntity, PokStatus } from './pok.entity';
import { GuardianSigningLinkEntity } from './guardian-signing/guardian-signing-link.entity';

/** The only place internships' tables and views are named; joins the ambient transaction. */
@Injectable()
export class InternshipsRepository {
  constructor(private readonly transactions: Transactions) {}

  /**
   * An internship of the actor's school or company, row-locked for the transaction; NOT_FOUND for
   * anyone else. `what` is the object the client named (a POK is reached through its internship,
   * and another party's POK must answer exactly as an unknown POK id, without naming the internship).
   */
  async lockForParty(actor: Actor, internshipId: string, what = 'Internship'): Promise<InternshipEntity> {
    const internship = await this.transactions.manager.findOne(InternshipEntity, { where: { id: internshipId }, lock: { mode: 'pessimistic_write' } });
    return ownedOrNotFound(what, internship, { visible: (found) => InternshipsPolicy.isParty(actor, found) });
  }

  /** An internship the actor is a party to; NOT_FOUND for anyone else, as for an unknown id. */
  async findForParty(actor: Actor, internshipId: string): Promise<InternshipEntity> {
    const internship = await this.transactions.manager.findOneBy(InternshipEntity, { id: internshipId });
    return ownedOrNotFound('Internship', internship, { visible: (found) => InternshipsPolicy.isParty(actor, found) });
  }

  /** The internships of the actor's side (her school's, or the company's), filtered by status. */
  listQuery(actor: Actor, status?: InternshipStatus): SelectQueryBuilder<InternshipEntity> {
    const side = InternshipsPolicy.side(actor);
    const query = this.transactions.manager
      .getRepository(InternshipEntity)
      .createQueryBuilder('internship')
      .where(`internship.${side.column} = :side`, { side: side.value });
    if (status) query.andWhere('internship.status = :status', { status });
    return query;
  }

  /** The seat the student holds (a planned or active internship), if any. */
  seatOf(studentId: string): Promise<Pick<InternshipEntity, 'id' | 'status' | 'placementId'> | null> {
    return this.transactions.manager
      .getRepository(InternshipEntity)
      .createQueryBuilder('i')
      .select(['i.id', 'i.status', 'i.placementId'])
      .where('i.studentId = :studentId AND i.status IN (:...statuses)', { studentId, statuses: ['PLANNED', 'ACTIVE'] })
      .getOne();
  }

  async insertContactMoment(fields: Partial<ContactMomentEntity>): Promise<ContactMomentEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(ContactMomentEntity, fields));
  }

  /** Marks the active internships past their midpoint with fewer than `minContacts` contacts, not yet alerted; their ids (R17). */
  async markBehindAtMidpoint(today: string, minContacts: number): Promise<string[]> {
    const [behind] = await this.transactions.manager.query<[{ id: string }[], number]>(
      `UPDATE internships i SET midpoint_alert_sent_at = now()
          WHERE i.status = 'ACTIVE' AND i.midpoint_alert_sent_at IS NULL
            AND i.start_date + (i.end_date - i.start_date) / 2 <= $1::date
            AND (SELECT count(*) FROM contact_moments c WHERE c.internship_id = i.id) < $2
          RETURNING i.id`,
      [today, minContacts],
    );
    return behind.map(({ id }) => id);
  }

  /** PLANNED internships starting from `today` to `until` whose student was not reminded yet, marked reminded. */
  async markStartReminded(today: string, until: string): Promise<string[]> {
    const [reminded] = await this.transactions.manager.query<[{ id: string }[], number]>(
      `UPDATE internships SET start_reminder_sent_at = now()
        WHERE status = 'PLANNED' AND start_reminder_sent_at IS NULL AND start_date BETWEEN $1::date AND $2::date
        RETURNING id`,
      [today, until],
    );
    return reminded.map(({ id }) => id);
  }

  /** Creates an internship; throws the unique violation of `ONE_SEAT_PER_STUDENT` when she already holds a seat. */
  async insertInternship(fields: Partial<InternshipEntity>): Promise<InternshipEntity> {
    const manager = this.transactions.manager;
    const created = manager.create(InternshipEntity, fields);
    await manager.save(created);
    return created;
  }

  saveInternship(internship: InternshipEntity): Promise<InternshipEntity> {
    return this.transactions.manager.save(internship);
  }

  hasEvaluation(internshipId: string, evaluator: Evaluator): Promise<boolean> {
    return this.transactions.manager.existsBy(EvaluationEntity, { internshipId, evaluator });
  }

  insertEvaluation(fields: Partial<EvaluationEntity>): Promise<EvaluationEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(EvaluationEntity, fields));
  }

  evaluation(id: string): Promise<EvaluationEntity | null> {
    return this.transactions.manager.findOneBy(EvaluationEntity, { id });
  }

  contactMoment(id: string): Promise<ContactMomentEntity | null> {
    return this.transactions.manager.findOneBy(ContactMomentEntity, { id });
  }

  evaluationsOfInternship(internshipId: string): Promise<EvaluationEntity[]> {
    return this.transactions.manager.findBy(EvaluationEntity, { internshipId });
  }

  /** Whether the student has a registration awaiting the company's answer (or her school's approval), other than `except`. */
  hasOpenRegistration(studentId: string, companyId: string, except?: string): Promise<boolean> {
    const statuses = except ? [RegistrationStatus.REQUESTED] : [RegistrationStatus.REQUESTED, RegistrationStatus.AWAITING_SCHOOL];
    return this.transactions.manager.existsBy(InternshipRegistrationEntity, { studentId, companyId, status: In(statuses), ...(except ? { id: Not(except) } : {}) });
  }

  insertRegistration(fields: Partial<InternshipRegistrationEntity>): Promise<InternshipRegistrationEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(InternshipRegistrationEntity, fields));
  }

  saveRegistration(registration: InternshipRegistrationEntity): Promise<InternshipRegistrationEntity> {
    return this.transactions.manager.save(registration);
  }

  findRegistration(id: string): Promise<InternshipRegistrationEntity | null> {
    return this.transactions.manager.findOneBy(InternshipRegistrationEntity, { id });
  }

  lockRegistration(id: string): Promise<InternshipRegistrationEntity | null> {
    return this.transactions.manager.findOne(InternshipRegistrationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The registrations of the actor's school or company, newest first. */
  registrationsQuery(actor: Actor): SelectQueryBuilder<InternshipRegistrationEntity> {
    const side = InternshipsPolicy.side(actor);
    const query = this.transactions.manager
      .getRepository(InternshipRegistrationEntity)
      .createQueryBuilder('registration')
      .where(`registration.${side.column} = :side`, { side: side.value })
      .orderBy('registration.createdAt', 'DESC')
      .addOrderBy('registration.id');
    // Issue #17: what the student registered herself reaches the company once her school approved it.
    if (side.column === 'companyId') query.andWhere('registration.status NOT IN (:...unseen)', { unseen: [RegistrationStatus.AWAITING_SCHOOL, RegistrationStatus.REJECTED_BY_SCHOOL] });
    return query;
  }

  insertPok(fields: Partial<PokEntity>): Promise<PokEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(PokEntity, fields));
  }

  savePok(pok: PokEntity): Promise<PokEntity> {
    return this.transactions.manager.save(pok);
  }

  findPok(id: string): Promise<PokEntity | null> {
    return this.transactions.manager.findOneBy(PokEntity, { id });
  }

  /** Which internship a POK version belongs to, without locking it (the internship is locked first). */
  pokInternship(id: string): Promise<Pick<PokEntity, 'id' | 'internshipId'> | null> {
    return this.transactions.manager.findOne(PokEntity, { select: { id: true, internshipId: true }, where: { id } });
  }

  lockPok(id: string): Promise<PokEntity> {
    return this.transactions.manager.findOneOrFail(PokEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The internship's newest POK version. */
  currentPok(internshipId: string): Promise<PokEntity | null> {
    return this.transactions.manager.findOne(PokEntity, { where: { internshipId }, order: { version: 'DESC' } });
  }

  /** R9: a fully signed version supersedes the signed ones before it. */
  async supersedeSignedBefore(internshipId: string, version: number): Promise<void> {
    await this.transactions.manager.update(PokEntity, { internshipId, status: PokStatus.SIGNED, version: LessThan(version) }, { status: PokStatus.SUPERSEDED });
  }

  async supersedePok(id: string): Promise<void> {
    await this.transactions.manager.update(PokEntity, { id }, { status: PokStatus.SUPERSEDED });
  }

  /** An internship by id, row-locked, whoever asks (a guardian's link has been checked instead of a party). */
  lockInternship(id: string): Promise<InternshipEntity> {
    return this.transactions.manager.findOneOrFail(InternshipEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insertGuardianLink(fields: Partial<GuardianSigningLinkEntity>): Promise<GuardianSigningLinkEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(GuardianSigningLinkEntity, fields));
  }

  /** Ends every open guardian link of the internship's POK versions (a new link, or a new version, replaces them); how many it ended. */
  async revokeGuardianLinks(internshipId: string, at: Date): Promise<number> {
    const [, count] = await this.transactions.manager.query<[unknown, number]>(
      `UPDATE guardian_signing_links SET revoked_at = $2
        WHERE pok_id IN (SELECT id FROM poks WHERE internship_id = $1) AND used_at IS NULL AND revoked_at IS NULL`,
      [internshipId, at],
    );
    return count;
  }

  /** The guardian link with this token hash, whatever its state; `lock` for the transaction that uses it. */
  guardianLinkByHash(tokenHash: string, lock = false): Promise<GuardianSigningLinkEntity | null> {
    return this.transactions.manager.findOne(GuardianSigningLinkEntity, { where: { tokenHash }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async markGuardianLinkUsed(id: string, at: Date): Promise<void> {
    await this.transactions.manager.update(GuardianSigningLinkEntity, { id }, { usedAt: at });
  }

  /** Each internship's contact moments, by date. */
  contactMomentsOf(internshipIds: readonly string[]): Promise<ContactMomentEntity[]> {
    return this.transactions.manager.getRepository(ContactMomentEntity).find({ where: { internshipId: In([...internshipIds]) }, order: { date: 'ASC' } });
  }

  /** Each internship's evaluations, oldest first. */
  evaluationsOf(internshipIds: readonly string[]): Promise<EvaluationEntity[]> {
    return this.transactions.manager.getRepository(EvaluationEntity).find({ where: { internshipId: In([...internshipIds]) }, order: { createdAt: 'ASC' } });
  }

  /** Each internship's POK versions, oldest first. */
  poksOf(internshipIds: readonly string[]): Promise<PokEntity[]> {
    return this.transactions.manager.getRepository(PokEntity).find({ where: { internshipId: In([...internshipIds]) }, order: { version: 'ASC' } });
  }
}

/**
 * What other modules read of internships on their own manager (re-exported by internships.facts.ts),
 * over the `internship_seats` view where a seat matters (seats.ts: "a seat is taken").
 */

/** Whether the student holds a seat (a planned or active internship) at the placement. */
export async function holdsSeatAt(db: Queryable, placementId: string, studentId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM internship_seats WHERE placement_id = $1 AND student_id = $2 AND holds_seat LIMIT 1', [placementId, studentId]);
  return rows.length > 0;
}

/** The seat-holding internships at the placements (R2: whom a suspension strands). */
export function seatHoldersAt(db: Queryable, placementIds: string[]): Promise<{ id: string; studentId: string; schoolId: string; placementId: string }[]> {
  return db.query(
    `SELECT id, student_id AS "studentId", school_id AS "schoolId", placement_id AS "placementId" FROM internship_seats
      WHERE placement_id = ANY($1::uuid[]) AND holds_seat`,
    [placementIds],
  );
}

/** Whether the school ever had an internship at the company. */
export async function schoolHadInternshipAt(db: Queryable, schoolId: string, companyId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM internship_seats WHERE school_id = $1 AND company_id = $2 LIMIT 1', [schoolId, companyId]);
  return rows.length > 0;
}

/** An internship of the school, or null. */
export async function internshipOfSchool(db: Queryable, internshipId: string, schoolId: string): Promise<{ id: string; studentId: string; placementId: string; companyId: string } | null> {
  const [row] = await db.query<{ id: string; studentId: string; placementId: string; companyId: string }>(
    `SELECT id, student_id AS "studentId", placement_id AS "placementId", company_id AS "companyId" FROM internship_seats WHERE id = $1 AND school_id = $2`,
    [internshipId, schoolId],
  );
  return row ?? null;
}

/**
 * The internships of a school's students at a company (agreements' fulfilment), matched and
 * self-found alike. A self-found one carries its own crebo and leerweg (its registration's); a
 * matched one has null there (its placement's leerweg and the student's crebo apply).
 */
export function internshipsBetween(
  db: Queryable,
  schoolId: string,
  companyId: string,
): Promise<{ studentId: string; placementId: string | null; crebo: string | null; leerweg: string | null; status: string; startDate: string; started: boolean }[]> {
  return db.query(
    `SELECT i.student_id AS "studentId", i.placement_id AS "placementId", r.crebo, r.leerweg::text AS leerweg, i.status, i.start_date::text AS "startDate", i.started_at IS NOT NULL AS started
       FROM internships i LEFT JOIN internship_registrations r ON r.id = i.registration_id WHERE i.school_id = $1 AND i.company_id = $2`,
    [schoolId, companyId],
  );
}

/** Schools with a planned or active internship at each company (or placement), as `{ id: company or placement, school_id }`. */
export function schoolsWithSeatAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; school_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT DISTINCT ${column} AS id, school_id FROM internships WHERE ${column} = ANY($1::uuid[]) AND status IN ('PLANNED', 'ACTIVE')`, [ids]);
}

/**
 * R3 (asked by companies' accreditation lapse): the `branchId|crebo` keys of the pairs at which an
 * internship for that crebo started, or is planned to start, on or after `since`.
 */
export async function internshipsStartedSince(manager: EntityManager, pairs: { branchId: string; crebo: string }[], since: string): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await manager.query<{ branch_id: string; crebo: string }[]>(
    `SELECT DISTINCT branch_id, crebo FROM internship_programmes
      WHERE start_date >= $3::date AND (branch_id, crebo) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [pairs.map((pair) => pair.branchId), pairs.map((pair) => pair.crebo), since],
  );
  return new Set(rows.map((row) => `${row.branch_id}|${row.crebo}`));
}

/** The seats a placement's internships hold. Call it under the placement's row lock. */
export async function seatsHeld(db: Queryable, placementId: string): Promise<number> {
  const [row] = await db.query<{ held: number }>('SELECT count(*)::int AS held FROM internship_seats WHERE placement_id = $1 AND holds_seat', [placementId]);
  return row.held;
}

/** An internship's facts for its messages (parties, termination, crebo, contacts), on the announcer's manager. */
export function internshipsForMessages<T>(db: Queryable, ids: string[]): Promise<T[]> {
  return db.query<T>(
    `SELECT i.id, i.school_id, i.company_id, i.placement_id, i.registration_id, i.student_id, i.start_date::text AS start_date, i.termination_code::text AS code,
            concat_ws(': ', i.termination_code::text, i.termination_reason) AS reason, p.crebo,
            (SELECT count(*) FROM contact_moments c WHERE c.internship_id = i.id)::int AS contacts
       FROM internships i JOIN internship_programmes p ON p.id = i.id WHERE i.id = ANY($1::uuid[])`,
    [ids],
  );
}

/** A registration's facts for its messages, on the announcer's manager. */
export function registrationsForMessages<T>(db: Queryable, ids: string[]): Promise<T[]> {
  return db.query<T>(
    `SELECT id, school_id, company_id, student_id, internship_id, crebo, level, leerweg::text, start_date::text, end_date::text, decline_reason::text, decline_note, school_rejection_reason
       FROM internship_registrations WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/** A POK version's facts for its messages (the parties still to sign), on the announcer's manager. */
export function poksForMessages<T>(db: Queryable, ids: string[]): Promise<T[]> {
  return db.query<T>(
    `SELECT k.id, k.internship_id, k.version, i.school_id, i.company_id, i.student_id, k.terms ->> 'student' AS student, k.terms ->> 'branch' AS branch, k.terms ->> 'crebo' AS crebo,
            ARRAY(SELECT party FROM unnest(ARRAY['STUDENT', 'SCHOOL', 'COMPANY'] || CASE WHEN k.guardian_required THEN ARRAY['GUARDIAN'] ELSE '{}'::text[] END) AS party
                   WHERE k.status = 'PENDING' AND i.status IN ('PLANNED', 'ACTIVE') AND NOT k.signatures ? party) AS missing
       FROM poks k JOIN internships i ON i.id = k.internship_id WHERE k.id = ANY($1::uuid[])`,
    [ids],
  );
}
