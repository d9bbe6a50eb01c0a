import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { hashSecretToken, newSecretToken } from '../../common/auth/secret-token';
import { Environment } from '../../config/environment';
import { AccountMail } from '../organizations/account-mail/account-mail';
import { guardianSigningLink, invalidLink } from '../organizations/account-links';
import { InvitationsService } from '../organizations/invitations/invitations.service';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { Clock } from '../../common/clock/clock';
import type { Leerweg } from '../../common/qualification';
import { QualificationsService } from '../qualifications/qualifications.service';
import { Transactions } from '../../database/transactions';
import { Events } from '../events/events';
import { InternshipEvent } from './internships.events';
import { ageOn } from '../compliance/rules/rule';
import { branchLabel, trainerName } from '../companies/companies.facts';
import { TrainerAssignmentsService } from '../companies/trainer-assignments.service';
import { judgePraktijkopleider } from '../compliance/internship-compliance';
import { ComplianceRejection } from '../compliance/models/compliance.model';
import { organizationNames } from '../organizations/organizations.facts';
import { placementPokTerms, type PlacementPokTerms } from '../placements/placements.facts';
import { StudentsFacts } from '../students/students.facts';
import { type InternshipEntity, InternshipStatus } from './internship.entity';
import { InternshipsRepository } from './internships.repository';
import { type PokEntity, PokParty, type PokSignature, PokSignatureWay, PokStatus, type PokTerms } from './pok.entity';

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
/** How long a guardian's signing link works (issue #17): two weeks from when it was (last) sent. */
export const GUARDIAN_LINK_DAYS = 14;

/** What the guardian's link shows (issue #17): the POK version's terms, her name among them, nothing else about her. */
export interface GuardianSigningView {
  pok: PokEntity;
  expiresAt: Date;
}

const requiredParties = (pok: PokEntity) => [PokParty.STUDENT, PokParty.SCHOOL, PokParty.COMPANY, ...(pok.guardianRequired ? [PokParty.GUARDIAN] : [])];

@Injectable()
export class PoksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly internships: InternshipsRepository,
    private readonly students: StudentsFacts,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly trainerAssignments: TrainerAssignmentsService,
    private readonly qualifications: QualificationsService,
    private readonly invitations: InvitationsService,
    private readonly mail: AccountMail,
    private readonly env: Environment,
  ) {}

  /**
   * Version 1 with everything R8 asks for, from the placement of a matched internship or the
   * confirmed terms of a self-found one (`terms`).
   */
  async generate(internship: InternshipEntity, terms?: PlacementPokTerms & { crebo?: string; employmentContract?: boolean }): Promise<PokEntity> {
    const manager = this.transactions.manager;
    const source = terms ?? (await placementPokTerms(manager, internship.placementId!))!;
    const student = (await this.students.pokParty(internship.studentId))!;
    const names = await organizationNames(manager, [student.schoolId, source.companyId]);
    const pokTerms = {
      school: names.get(student.schoolId)!,
      company: names.get(source.companyId)!,
      branch: (await branchLabel(manager, source.branchId))!,
      student: student.fullName,
      crebo: terms?.crebo ?? student.crebo,
      level: source.level,
      leerweg: source.leerweg,
      startDate: source.startDate,
      endDate: source.endDate,
      hoursPerWeek: source.hoursPerWeek,
      praktijkopleider: source.trainerId ? await trainerName(manager, source.trainerId) : null,
      werkprocessen: source.werkprocessen,
      // R14: a BBL student works under an employment contract, for at least the minimum (youth) wage.
      stipendMonthlyCents: source.stipendMonthlyCents,
      expenseAllowanceCents: source.expenseAllowanceCents,
      employmentContract: terms?.employmentContract ?? source.leerweg === 'BBL',
    } as Omit<PokTerms, 'totalHours' | 'assessment' | 'guidanceFrequency' | 'terminationClause'>;
    const pok = await this.internships.insertPok({
      internshipId: internship.id,
      version: 1,
      guardianRequired: ageOn(student.dateOfBirth, pokTerms.startDate) < 18,
      terms: { ...pokTerms, totalHours: totalHours(pokTerms), assessment: ASSESSMENT, guidanceFrequency: GUIDANCE, terminationClause: TERMINATION },
    });
    await this.sendGuardianLink(pok, internship.studentId);
    return pok;
  }

  /**
   * R8, issue #17: a version her guardian must sign gets a new single-use link, e-mailed to the
   * guardian's address after the commit (never for a transaction that rolls back); the links of
   * earlier versions and earlier sends stop working. Without a known address nothing is sent (her
   * school then records the guardian's signature on paper). Whether one was sent.
   */
  private async sendGuardianLink(pok: PokEntity, studentId: string): Promise<boolean> {
    if (!pok.guardianRequired || pok.signatures[PokParty.GUARDIAN]) return false;
    const student = (await this.students.pokParty(studentId))!;
    await this.internships.revokeGuardianLinks(pok.internshipId, this.clock.now());
    if (!student.guardianEmail) return false;
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + GUARDIAN_LINK_DAYS * 86_400_000);
    await this.internships.insertGuardianLink({ pokId: pok.id, email: student.guardianEmail, tokenHash: hash, expiresAt });
    const mail = {
      to: { name: student.guardianName ?? student.guardianEmail, email: student.guardianEmail },
      studentName: pok.terms.student,
      schoolName: pok.terms.school,
      companyName: pok.terms.company,
      pokVersion: pok.version,
      link: guardianSigningLink(this.env.APP_URL, token),
      expiresAt: expiresAt.toISOString(),
    };
    await this.transactions.afterCommit(() => this.mail.guardianSigning(mail));
    return true;
  }

  /**
   * Her school sends her guardian a new link for the current version (issue #17): the earlier one
   * stops working, the new one works for another two weeks. Audited.
   */
  async resendGuardianLink(actor: Actor, pokId: string): Promise<PokEntity> {
    if (actor.studentId || actor.organizationType !== OrganizationType.SCHOOL) throw new NotFoundError('Pok', { field: 'pokId' });
    return this.transactions.run(async () => {
      const unlocked = await this.internships.pokInternship(pokId);
      if (!unlocked) throw new NotFoundError('Pok', { field: 'pokId' });
      const internship = await this.internships.lockForParty(actor, unlocked.internshipId, 'Pok');
      const pok = await this.internships.lockPok(pokId);
      if (!pok.guardianRequired) throw BadUserInputError.field('pokId', 'the student is 18 or older on the start date: no guardian signs', 'R8');
      if (pok.status !== PokStatus.PENDING) throw new ConflictError(`POK version ${pok.version} is ${pok.status}; only a version awaiting signatures is signed`);
      if (pok.signatures[PokParty.GUARDIAN]) throw new ConflictError(`GUARDIAN has already signed POK version ${pok.version}`);
      if (!(await this.sendGuardianLink(pok, internship.studentId))) {
        throw BadUserInputError.field('pokId', "no guardian e-mail address is known: add it to her identity (identity.guardianEmail) and send the link again", 'GUARDIAN_EMAIL_MISSING');
      }
      await this.audit.record(actor, { action: 'pok.guardian_link_resent', entityType: 'pok', entityId: pok.id, after: { version: pok.version } });
      return pok;
    });
  }

  /** The open link's POK version; an unknown, used, expired or revoked link (or a version no longer awaiting the guardian) is LINK_INVALID on `token`. */
  async guardianSigning(token: string): Promise<GuardianSigningView> {
    const link = await this.internships.guardianLinkByHash(hashSecretToken(token));
    const pok = link && (await this.internships.findPok(link.pokId));
    if (!link || !pok || !this.linkWorks(link, pok)) throw invalidLink('token');
    return { pok, expiresAt: link.expiresAt };
  }

  /** The guardian signs through the link (issue #17, R8): once; the link then stops working. */
  async signAsGuardian(token: string): Promise<PokEntity> {
    return this.transactions.run(async () => {
      const unlocked = await this.internships.guardianLinkByHash(hashSecretToken(token));
      const found = unlocked && (await this.internships.pokInternship(unlocked.pokId));
      if (!unlocked || !found) throw invalidLink('token');
      // Lock order (README, Operations): the internship, then its POK, then the link.
      await this.internships.lockInternship(found.internshipId);
      const pok = await this.internships.lockPok(found.id);
      const link = (await this.internships.guardianLinkByHash(unlocked.tokenHash, true))!;
      if (!this.linkWorks(link, pok)) throw invalidLink('token');
      const now = this.clock.now();
      await this.internships.markGuardianLinkUsed(link.id, now);
      await this.record(pok, PokParty.GUARDIAN, { userId: link.id, at: now.toISOString(), way: PokSignatureWay.GUARDIAN_LINK });
      await this.audit.record(null, { action: 'pok.signed_for_guardian', entityType: 'pok', entityId: pok.id, after: { status: pok.status, signatures: pok.signatures, via: 'guardian_link', linkId: link.id } });
      return pok;
    });
  }

  private linkWorks(link: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, pok: PokEntity): boolean {
    return !link.usedAt && !link.revokedAt && link.expiresAt > this.clock.now() && pok.status === PokStatus.PENDING && !pok.signatures[PokParty.GUARDIAN];
  }

  /** Adds the signature; fully signed, the version is SIGNED and supersedes the signed ones before it (R9). */
  private async record(pok: PokEntity, party: PokParty, signature: PokSignature): Promise<void> {
    pok.signatures = { ...pok.signatures, [party]: signature };
    if (requiredParties(pok).every((required) => pok.signatures[required])) {
      pok.status = PokStatus.SIGNED;
      await this.internships.supersedeSignedBefore(pok.internshipId, pok.version);
    }
    await this.internships.savePok(pok);
  }

  /**
   * Records one party's signature on the current version (R8). The company signs for itself; the
   * school for itself. The student signs herself with her own account (issue #17), her own
   * internship's only; her school records hers on her behalf only while she has no active account.
   * Her guardian signs through the e-mailed link; her school records the guardian's on the
   * guardian's behalf only when no guardian address is known. Fully signed, the version is SIGNED.
   */
  async sign(actor: Actor, pokId: string, party: PokParty): Promise<PokEntity> {
    return this.transactions.run(async () => {
      // Lock order (README, Operations): the internship before its POK, as `amend` takes them.
      const unlocked = await this.internships.pokInternship(pokId);
      if (!unlocked) throw new NotFoundError('Pok');
      const internship = await this.internships.lockForParty(actor, unlocked.internshipId, 'Pok');
      const pok = await this.internships.lockPok(pokId);
      const mayRecord = actor.studentId
        ? [PokParty.STUDENT]
        : actor.organizationType === OrganizationType.COMPANY
          ? [PokParty.COMPANY]
          : [PokParty.STUDENT, PokParty.GUARDIAN, PokParty.SCHOOL];
      if (!mayRecord.includes(party)) throw BadUserInputError.field('party', `you record the signature of ${mayRecord.join(', ')}`, 'R8');
      if (party === PokParty.GUARDIAN && !pok.guardianRequired) throw BadUserInputError.field('party', 'the student is 18 or older on the start date: no guardian signs', 'R8');
      const onBehalf = !actor.studentId && (party === PokParty.STUDENT || party === PokParty.GUARDIAN);
      if (onBehalf && party === PokParty.STUDENT && (await this.invitations.studentAccounts([internship.studentId])).get(internship.studentId) === 'ACTIVE') {
        throw BadUserInputError.field('party', 'she has her own active account: she signs her POK herself; her school records her signature only for a student without one', 'STUDENT_SIGNS_HERSELF');
      }
      if (onBehalf && party === PokParty.GUARDIAN && (await this.students.pokParty(internship.studentId))?.guardianEmail) {
        throw BadUserInputError.field('party', "her guardian's e-mail address is known: the guardian signs through the e-mailed link (resendGuardianSigningLink sends a new one)", 'GUARDIAN_SIGNS_BY_LINK');
      }
      if (pok.status === PokStatus.SUPERSEDED) throw new ConflictError(`POK version ${pok.version} is superseded`);
      if (pok.signatures[party]) throw new ConflictError(`${party} has already signed POK version ${pok.version}`);
      await this.record(pok, party, { userId: actor.userId, at: this.clock.now().toISOString(), way: onBehalf ? PokSignatureWay.ON_BEHALF : PokSignatureWay.OWN });
      const action = `pok.signed_for_${party.toLowerCase()}${onBehalf ? '_on_behalf' : ''}`;
      await this.audit.record(actor, { action, entityType: 'pok', entityId: pok.id, after: { status: pok.status, signatures: pok.signatures } });
      return pok;
    });
  }

  /**
   * A change of terms is a new version that every party signs again (R9); the signed version stays
   * in force until then. (Another company means another internship, and so a new POK.)
   */
  async amend(actor: Actor, internshipId: string, changes: Partial<Pick<PokTerms, 'endDate' | 'hoursPerWeek' | 'praktijkopleider' | 'werkprocessen' | 'assessment' | 'guidanceFrequency'>>): Promise<PokEntity> {
    if (changes.praktijkopleider !== undefined && changes.praktijkopleider !== null) {
      // A name alone would leave the R6 load with the praktijkopleider who no longer guides her.
      throw BadUserInputError.field('input.praktijkopleider', 'the company names another praktijkopleider with changePraktijkopleider(internshipId, trainerId), which moves her assignment too (R5, R6)', 'R6');
    }
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (changes.werkprocessen) await this.requireRegisteredWerkprocessen(internshipId, changes.werkprocessen);
      const { current, pok } = await this.nextVersion(actor, internship, changes);
      await this.audit.record(actor, { action: 'pok.amended', entityType: 'pok', entityId: pok.id, before: auditableTerms(current.terms), after: auditableTerms(pok.terms) });
      return pok;
    });
  }

  /** R4: werkproces codes of an amended POK come from the dossier of its crebo on its start date (free text only as a note). */
  private async requireRegisteredWerkprocessen(internshipId: string, werkprocessen: string[]): Promise<void> {
    const { terms } = (await this.current(internshipId))!;
    const problems = await this.qualifications.problemsOf([
      { crebo: terms.crebo, date: terms.startDate, werkprocessen, creboField: 'input.crebo', werkprocessenField: 'input.werkprocessen' },
    ]);
    // The crebo itself was judged when the internship came about; here only the codes given are.
    const ofCodes = problems.filter((problem) => problem.path.startsWith('input.werkprocessen'));
    if (ofCodes.length) throw new BadUserInputError(ofCodes);
  }

  /**
   * The company names another of its praktijkopleiders for the internship (R5: one at a time).
   * Judged by R5–R7 (R6: room for one more student in the internship's period), then her
   * assignment starts and the previous one ends, and the next POK version names her, which every
   * party signs again (R9). Naming the one she has changes nothing. Lock order: the trainer, then
   * the internship, then its assignment and POK.
   */
  async changePraktijkopleider(actor: Actor, internshipId: string, trainerId: string): Promise<PokEntity | ComplianceRejection> {
    if (actor.organizationType !== OrganizationType.COMPANY) throw BadUserInputError.field('trainerId', 'the company names its praktijkopleider (R5)', 'R5');
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      const internship = await this.internships.findForParty(actor, internshipId);
      if (!(await this.trainerAssignments.lockOwnTrainer(actor, trainerId))) throw new NotFoundError('Trainer', { field: 'trainerId' });
      await this.internships.lockForParty(actor, internshipId);
      if (internship.status !== InternshipStatus.PLANNED && internship.status !== InternshipStatus.ACTIVE) {
        throw new ConflictError(`Internship ${internshipId} is ${internship.status}; its praktijkopleider can no longer change`);
      }
      const running = await this.trainerAssignments.lockRunningOfInternship(internshipId);
      const current = (await this.current(internshipId))!;
      if (running?.trainerId === trainerId) return current;
      const terms = current.terms;
      const { verdict, findings, normSetVersion } = await judgePraktijkopleider(manager, {
        companyId: internship.companyId,
        trainerId,
        crebo: terms.crebo,
        level: terms.level,
        leerweg: terms.leerweg as Leerweg,
        startDate: terms.startDate,
        endDate: terms.endDate,
        hoursPerWeek: terms.hoursPerWeek,
      });
      if (verdict === 'BLOCKED') return new ComplianceRejection(findings, normSetVersion, 'This praktijkopleider');
      if (running) await this.trainerAssignments.replace(actor, running);
      await this.trainerAssignments.recordForInternship(actor, internship.companyId, {
        trainerId,
        placementId: internship.placementId,
        internshipId,
        studentId: internship.studentId,
        startDate: running?.startDate ?? internship.startDate,
        endDate: running?.endDate ?? internship.endDate,
      });
      const { pok } = await this.nextVersion(actor, internship, { praktijkopleider: await trainerName(manager, trainerId) });
      await this.audit.record(actor, { action: 'pok.praktijkopleider_changed', entityType: 'pok', entityId: pok.id, before: { praktijkopleider: terms.praktijkopleider }, after: { praktijkopleider: pok.terms.praktijkopleider, trainerId, findings } });
      return pok;
    });
  }

  /** The next POK version with the changes (R9); the caller holds the internship's lock. Each side still to sign is told. */
  private async nextVersion(actor: Actor, internship: InternshipEntity, changes: Partial<PokTerms>): Promise<{ current: PokEntity; pok: PokEntity }> {
    const internshipId = internship.id;
    if (internship.status !== InternshipStatus.PLANNED && internship.status !== InternshipStatus.ACTIVE) {
      throw new ConflictError(`Internship ${internshipId} is ${internship.status}; its POK can no longer change`);
    }
    const current = (await this.current(internshipId))!;
    if (current.status === PokStatus.PENDING && current.version > 1) throw new ConflictError(`POK version ${current.version} still awaits signatures`);
    const terms = { ...current.terms, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined && value !== null)) };
    if (terms.endDate < terms.startDate) throw BadUserInputError.field('input.endDate', 'the end date must not be before the start date', 'R8');
    const pok = await this.internships.insertPok({ internshipId, version: current.version + 1, guardianRequired: current.guardianRequired, terms: { ...terms, totalHours: totalHours(terms) } });
    if (current.status === PokStatus.PENDING) await this.internships.supersedePok(current.id);
    await this.sendGuardianLink(pok, internship.studentId);
    await this.events.emit(InternshipEvent.POK_SIGNATURES_AWAITED, { pokId: pok.id });
    return { current, pok };
  }

  /** PLANNED → ACTIVE, only with a fully signed POK (R8). */
  async start(actor: Actor, internshipId: string): Promise<InternshipEntity> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (internship.status !== InternshipStatus.PLANNED) throw new ConflictError(`Internship ${internshipId} is ${internship.status}, not PLANNED`);
      const pok = await this.current(internshipId);
      const missing = pok ? requiredParties(pok).filter((party) => !pok.signatures[party]) : [];
      if (!pok || missing.length) throw new ConflictError(`The POK is not fully signed (R8): missing ${missing.join(', ')}`);
      Object.assign(internship, { status: InternshipStatus.ACTIVE, startedAt: this.clock.now() });
      await this.internships.saveInternship(internship);
      await this.audit.record(actor, { action: 'internship.started', entityType: 'internship', entityId: internshipId, after: { pokId: pok.id, pokVersion: pok.version } });
      return internship;
    });
  }

  /** A POK version for a party to its internship; anyone else gets NOT_FOUND, as for an unknown id. */
  async find(actor: Actor, pokId: string): Promise<PokEntity> {
    const pok = await this.internships.findPok(pokId);
    if (!pok) throw new NotFoundError('Pok');
    await this.internships.findForParty(actor, pok.internshipId).catch(() => {
      throw new NotFoundError('Pok');
    });
    return pok;
  }

  current(internshipId: string): Promise<PokEntity | null> {
    return this.internships.currentPok(internshipId);
  }
}
