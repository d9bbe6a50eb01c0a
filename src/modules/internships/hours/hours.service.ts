import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../common/audit/audit-log';
import type { Actor } from '../../../common/auth/roles';
import { Clock } from '../../../common/clock/clock';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../../common/errors/domain-errors';
import type { Leerweg } from '../../../common/qualification';
import { Transactions } from '../../../database/transactions';
import { judgeActualHours } from '../../compliance/internship-compliance';
import { addDays } from '../../compliance/rules/rule';
import { Events } from '../../events/events';
import { StudentsFacts } from '../../students/students.facts';
import { type InternshipEntity, InternshipStatus } from '../internship.entity';
import { InternshipEvent } from '../internships.events';
import { InternshipsPolicy } from '../internships.policy';
import { InternshipsRepository } from '../internships.repository';
import type { LogHoursInput } from './dto/hours.input';
import { type HourWeekEntity, HourWeekStatus } from './hour-week.entity';
import { HoursRepository } from './hours.repository';
import type { HourWeekModel, InternshipHoursModel } from './models/hours.model';

/**
 * Completion without a reason needs approved hours of at least this share of the POK's total
 * hours (issue #17): the POK's total is what R10's minimums are planned on (R8 states it); a
 * shortfall beyond it needs `hoursShortfallReason`, audited.
 */
export const COMPLETION_HOURS_MARGIN = 0.9;

const isMonday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
const round2 = (hours: number) => Math.round(hours * 100) / 100;

/**
 * Her hours (issue #17): the student logs each week of her active internship, per day, and may
 * correct it until the company approves it; the company (the praktijkopleider's) approves or
 * rejects each week, a rejection with a comment, and she is told. Every change judges the
 * internship's actual hours again (compliance's `judgeActualHours`: R8, R10–R12): a violation,
 * even of R11, refuses nothing; the week is recorded and the finding flagged for SBB and the school.
 */
@Injectable()
export class HoursService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly internships: InternshipsRepository,
    private readonly hours: HoursRepository,
    private readonly students: StudentsFacts,
  ) {}

  /** She logs a week, or corrects one not yet approved (then it awaits the company again). */
  async log(actor: Actor, internshipId: string, input: LogHoursInput): Promise<HourWeekModel> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (!InternshipsPolicy.isHerOwn(actor, internship)) throw BadUserInputError.field('internshipId', 'the student logs her own hours');
      if (internship.status !== InternshipStatus.ACTIVE) throw new ConflictError(`Internship ${internshipId} is ${internship.status}; hours are logged while it is ACTIVE`);
      const { weekStart, hoursPerDay } = input;
      if (!isMonday(weekStart)) throw BadUserInputError.field('input.weekStart', 'a week starts on its Monday (ISO week)');
      const weekEnd = addDays(weekStart, 6);
      if (weekEnd < internship.startDate || weekStart > internship.endDate) {
        throw BadUserInputError.field('input.weekStart', `the week must fall in the internship, ${internship.startDate} to ${internship.endDate}`);
      }
      if (weekStart > this.clock.today()) throw BadUserInputError.field('input.weekStart', 'a week can be logged once it has begun');
      const outside = hoursPerDay.findIndex((hours, day) => hours > 0 && (addDays(weekStart, day) < internship.startDate || addDays(weekStart, day) > internship.endDate));
      if (outside !== -1) throw BadUserInputError.field(`input.hoursPerDay.${outside}`, `${addDays(weekStart, outside)} is outside the internship, ${internship.startDate} to ${internship.endDate}`);
      const existing = await this.hours.lockWeekOf(internshipId, weekStart);
      if (existing?.status === HourWeekStatus.APPROVED) throw new ConflictError(`The week of ${weekStart} is approved and can no longer be corrected`);
      const week = await this.hours.saveWeek({
        ...(existing ?? {}),
        internshipId,
        weekStart,
        hoursPerDay,
        totalHours: round2(hoursPerDay.reduce((sum, hours) => sum + hours, 0)),
        note: input.note ?? null,
        status: HourWeekStatus.SUBMITTED,
        reviewComment: null,
        reviewedByUserId: null,
        reviewedAt: null,
        loggedByUserId: actor.userId,
      });
      const findings = await this.judge(internship);
      await this.audit.record(actor, {
        action: existing ? 'hours.corrected' : 'hours.logged',
        entityType: 'internship',
        entityId: internshipId,
        before: existing ? { weekStart, hoursPerDay: existing.hoursPerDay, status: existing.status } : undefined,
        after: { weekId: week.id, weekStart, hoursPerDay, note: week.note },
      });
      return this.model(week, findings);
    });
  }

  /** The company approves a submitted week, with an optional comment. */
  approve(actor: Actor, weekId: string, comment?: string): Promise<HourWeekModel> {
    return this.review(actor, weekId, HourWeekStatus.APPROVED, comment);
  }

  /** The company rejects a submitted week with a comment (required): she corrects it and is told. */
  reject(actor: Actor, weekId: string, comment?: string): Promise<HourWeekModel> {
    if (!comment?.trim()) throw BadUserInputError.field('input.comment', 'a rejection says what to correct: give a comment');
    return this.review(actor, weekId, HourWeekStatus.REJECTED, comment.trim());
  }

  private async review(actor: Actor, weekId: string, decision: HourWeekStatus, comment?: string): Promise<HourWeekModel> {
    return this.transactions.run(async () => {
      // Lock order: the internship before its week.
      const unlocked = await this.hours.weekInternship(weekId);
      if (!unlocked) throw new NotFoundError('HourWeek');
      const internship = await this.internships.lockForParty(actor, unlocked.internshipId, 'HourWeek');
      if (!InternshipsPolicy.isItsCompany(actor, internship)) throw new NotFoundError('HourWeek');
      if (internship.status !== InternshipStatus.ACTIVE) throw new ConflictError(`Internship ${internship.id} is ${internship.status}; its hours can no longer be reviewed`);
      const week = await this.hours.lockWeek(weekId);
      if (week.status !== HourWeekStatus.SUBMITTED) throw new ConflictError(`The week of ${week.weekStart} is ${week.status}, not SUBMITTED`);
      Object.assign(week, { status: decision, reviewComment: comment?.trim() || null, reviewedByUserId: actor.userId, reviewedAt: this.clock.now() });
      const saved = await this.hours.saveWeek(week);
      const findings = await this.judge(internship);
      await this.audit.record(actor, {
        action: decision === HourWeekStatus.APPROVED ? 'hours.approved' : 'hours.rejected',
        entityType: 'internship',
        entityId: internship.id,
        after: { weekId, weekStart: week.weekStart, totalHours: week.totalHours, comment: saved.reviewComment },
      });
      if (decision === HourWeekStatus.REJECTED) await this.events.emit(InternshipEvent.HOURS_REJECTED, { internshipId: internship.id, weekId });
      return this.model(saved, findings);
    });
  }

  /** Her hours as a party reads them: she, her school, the company (NOT_FOUND for anyone else). */
  async summary(actor: Actor, internshipId: string): Promise<InternshipHoursModel> {
    const internship = await this.internships.findForParty(actor, internshipId);
    return this.summaryOf(internship);
  }

  /** One logged week (node(id)), as its internship's parties read it; else NOT_FOUND. */
  async findWeek(actor: Actor, id: string): Promise<HourWeekModel> {
    const found = await this.hours.weekInternship(id);
    const internship = found ? await this.internships.findForParty(actor, found.internshipId).catch(() => null) : null;
    const week = internship ? (await this.hours.weeksOf(internship.id)).find((candidate) => candidate.id === id) : undefined;
    return this.model(ownedOrNotFound('Hour week', week), internship!.hoursFindings);
  }

  /** The summary of an internship the caller may already read (a field of its Internship). */
  async summaryOf(internship: InternshipEntity): Promise<InternshipHoursModel> {
    const weeks = await this.hours.weeksOf(internship.id);
    const pok = await this.internships.currentPok(internship.id);
    const sum = (status: HourWeekStatus) => round2(weeks.filter((week) => week.status === status).reduce((total, week) => total + week.totalHours, 0));
    const findings = internship.hoursFindings ?? [];
    const pokTotalHours = pok?.terms.totalHours ?? 0;
    return {
      internshipId: internship.id,
      weeks: weeks.map((week) => this.model(week, findings)),
      approvedHours: sum(HourWeekStatus.APPROVED),
      submittedHours: sum(HourWeekStatus.SUBMITTED),
      pokHoursPerWeek: pok?.terms.hoursPerWeek ?? 0,
      pokTotalHours,
      hoursRequiredForCompletion: round2(pokTotalHours * COMPLETION_HOURS_MARGIN),
      findings,
    };
  }

  /** The approved hours, for completion (inside its transaction). */
  approvedTotal(internshipId: string): Promise<number> {
    return this.hours.approvedTotal(internshipId);
  }

  /**
   * Judges the internship's actual hours again (every week but the rejected ones) and stores the
   * findings on it; the caller holds the internship's lock. Her age is read through students' facts.
   */
  async judge(internship: InternshipEntity): Promise<InternshipEntity['hoursFindings']> {
    const weeks = await this.hours.weeksOf(internship.id);
    const pok = await this.internships.currentPok(internship.id);
    const party = await this.students.pokParty(internship.studentId);
    const findings = await judgeActualHours(this.transactions.manager, {
      leerweg: pok!.terms.leerweg as Leerweg,
      dateOfBirth: party!.dateOfBirth,
      startDate: internship.startDate,
      endDate: internship.endDate,
      pokHoursPerWeek: pok!.terms.hoursPerWeek,
      today: this.clock.today(),
      weeks: weeks
        .filter((week) => week.status !== HourWeekStatus.REJECTED)
        .map(({ weekStart, hoursPerDay, totalHours, status }) => ({ weekStart, hoursPerDay, totalHours, approved: status === HourWeekStatus.APPROVED })),
    });
    await this.hours.setHoursFindings(internship.id, findings);
    internship.hoursFindings = findings;
    return findings;
  }

  private model(week: HourWeekEntity, findings: InternshipEntity['hoursFindings']): HourWeekModel {
    return { ...week, findings: findings.filter((finding) => finding.details?.weekStart === week.weekStart) };
  }
}
