import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { inTransaction } from '../../database/transaction';
import { ageOn } from '../compliance/rules/rule';
import { lockPartyInternship } from './internship-access';
import { InternshipEntity, InternshipStatus } from './internship.entity';
import { PokEntity, PokParty, PokStatus, type PokTerms } from './pok.entity';

const ASSESSMENT = 'Beoordeling van de werkprocessen door de praktijkopleider, vastgesteld door de school';
const GUIDANCE = 'Minimaal drie contactmomenten tussen school, student en leerbedrijf per BPV-periode, waarvan één op locatie (R17)';
const TERMINATION = 'Elke partij kan de overeenkomst met opgave van redenen beëindigen; de school begeleidt de student naar een nieuwe plaats';

/** Which parties must sign: the guardian only when the student is under 18 on the start date. */
/** R8: the POK's total hours, whole weeks of the period at the weekly hours. */
const totalHours = (terms: { startDate: string; endDate: string; hoursPerWeek: number }) =>
  Math.round((Date.parse(terms.endDate) - Date.parse(terms.startDate)) / (7 * 86_400_000)) * terms.hoursPerWeek;
/**
 * The terms as SBB may read them in the audit log: without the student's name (R20); the audit
 * row reaches her through the POK's internship id.
 */
const auditableTerms = ({ student: _name, ...terms }: PokTerms) => terms;
const requiredParties = (pok: PokEntity) => [PokParty.STUDENT, PokParty.SCHOOL, PokParty.COMPANY, ...(pok.guardianRequired ? [PokParty.GUARDIAN] : [])];

@Injectable()
export class PoksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Version 1, made from the accepted proposal with everything R8 asks for. */
  async generate(manager: EntityManager, internship: InternshipEntity): Promise<PokEntity> {
    const [facts] = await manager.query<(Omit<PokTerms, 'totalHours' | 'assessment' | 'guidanceFrequency' | 'terminationClause'> & { dateOfBirth: string })[]>(
      `SELECT sc.name AS school, co.name AS company, b.name || ', ' || b.city AS branch, si.full_name AS student, s.crebo,
              p.level, p.leerweg, p.start_date::text AS "startDate", p.end_date::text AS "endDate", p.hours_per_week AS "hoursPerWeek",
              t.name AS praktijkopleider, p.werkprocessen, si.date_of_birth::text AS "dateOfBirth"
         FROM placements p JOIN branches b ON b.id = p.branch_id JOIN organizations co ON co.id = p.company_id
         JOIN students s ON s.id = $2 JOIN organizations sc ON sc.id = s.school_id JOIN student_identities si ON si.student_id = s.id
         LEFT JOIN trainers t ON t.id = p.trainer_id
        WHERE p.id = $1`,
      [internship.placementId, internship.studentId],
    );
    const { dateOfBirth, ...terms } = facts;
    return manager.save(
      manager.create(PokEntity, {
        internshipId: internship.id,
        version: 1,
        guardianRequired: ageOn(dateOfBirth, terms.startDate) < 18,
        terms: { ...terms, totalHours: totalHours(terms), assessment: ASSESSMENT, guidanceFrequency: GUIDANCE, terminationClause: TERMINATION },
      }),
    );
  }

  /**
   * Records one party's signature on the current version: the school for the student, her
   * guardian and itself; the company for itself. Fully signed, the version is SIGNED.
   */
  async sign(actor: Actor, pokId: string, party: PokParty): Promise<PokEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      // Lock order (README, Operations): the internship before its POK, as `amend` takes them.
      const unlocked = await manager.findOne(PokEntity, { select: { id: true, internshipId: true }, where: { id: pokId } });
      if (!unlocked) throw new NotFoundError('Pok');
      await lockPartyInternship(manager, actor, unlocked.internshipId, 'Pok');
      const pok = await manager.findOneOrFail(PokEntity, { where: { id: pokId }, lock: { mode: 'pessimistic_write' } });
      const mayRecord = actor.organizationType === OrganizationType.COMPANY ? [PokParty.COMPANY] : [PokParty.STUDENT, PokParty.GUARDIAN, PokParty.SCHOOL];
      if (!mayRecord.includes(party)) throw BadUserInputError.field('party', `your organization records the signatures of ${mayRecord.join(', ')}`, 'R8');
      if (party === PokParty.GUARDIAN && !pok.guardianRequired) throw BadUserInputError.field('party', 'the student is 18 or older on the start date: no guardian signs', 'R8');
      if (pok.status === PokStatus.SUPERSEDED) throw new ConflictError(`POK version ${pok.version} is superseded`);
      if (pok.signatures[party]) throw new ConflictError(`${party} has already signed POK version ${pok.version}`);
      pok.signatures = { ...pok.signatures, [party]: { userId: actor.userId, at: new Date().toISOString() } };
      if (requiredParties(pok).every((required) => pok.signatures[required])) {
        pok.status = PokStatus.SIGNED;
        await manager.update(PokEntity, { internshipId: pok.internshipId, status: PokStatus.SIGNED, version: LessThan(pok.version) }, { status: PokStatus.SUPERSEDED });
      }
      await manager.save(pok);
      await recordAudit(manager, actor, { action: `pok.signed_for_${party.toLowerCase()}`, entityType: 'pok', entityId: pok.id, after: { status: pok.status, signatures: pok.signatures } });
      return pok;
    });
  }

  /**
   * A change of terms is a new version that every party signs again (R9); the signed version stays
   * in force until then. (Another company means another internship, and so a new POK.)
   */
  async amend(actor: Actor, internshipId: string, changes: Partial<Pick<PokTerms, 'endDate' | 'hoursPerWeek' | 'praktijkopleider' | 'werkprocessen' | 'assessment' | 'guidanceFrequency'>>): Promise<PokEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const internship = await lockPartyInternship(manager, actor, internshipId);
      if (internship.status !== InternshipStatus.PLANNED && internship.status !== InternshipStatus.ACTIVE) {
        throw new ConflictError(`Internship ${internshipId} is ${internship.status}; its POK can no longer change`);
      }
      const current = (await this.current(internshipId, manager))!;
      if (current.status === PokStatus.PENDING && current.version > 1) throw new ConflictError(`POK version ${current.version} still awaits signatures`);
      const terms = { ...current.terms, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined && value !== null)) };
      if (terms.endDate < terms.startDate) throw BadUserInputError.field('input.endDate', 'the end date must not be before the start date', 'R8');
        const pok = await manager.save(
        manager.create(PokEntity, { internshipId, version: current.version + 1, guardianRequired: current.guardianRequired, terms: { ...terms, totalHours: totalHours(terms) } }),
      );
      if (current.status === PokStatus.PENDING) await manager.update(PokEntity, { id: current.id }, { status: PokStatus.SUPERSEDED });
      await recordAudit(manager, actor, { action: 'pok.amended', entityType: 'pok', entityId: pok.id, before: auditableTerms(current.terms), after: auditableTerms(pok.terms) });
      return pok;
    });
  }

  /** PLANNED → ACTIVE, only with a fully signed POK (R8). */
  async start(actor: Actor, internshipId: string): Promise<InternshipEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const internship = await lockPartyInternship(manager, actor, internshipId);
      if (internship.status !== InternshipStatus.PLANNED) throw new ConflictError(`Internship ${internshipId} is ${internship.status}, not PLANNED`);
      const pok = await this.current(internshipId, manager);
      const missing = pok ? requiredParties(pok).filter((party) => !pok.signatures[party]) : [];
      if (!pok || missing.length) throw new ConflictError(`The POK is not fully signed (R8): missing ${missing.join(', ')}`);
      Object.assign(internship, { status: InternshipStatus.ACTIVE, startedAt: new Date() });
      await manager.save(internship);
      await recordAudit(manager, actor, { action: 'internship.started', entityType: 'internship', entityId: internshipId, after: { pokId: pok.id, pokVersion: pok.version } });
      return internship;
    });
  }

  current(internshipId: string, manager: EntityManager = this.dataSource.manager): Promise<PokEntity | null> {
    return manager.findOne(PokEntity, { where: { internshipId }, order: { version: 'DESC' } });
  }
}
