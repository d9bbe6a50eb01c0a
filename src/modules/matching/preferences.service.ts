import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { Environment } from '../../config/environment';
import { PlacementStatus } from '../placements/placement.entity';
import { Transactions } from '../../database/transactions';
import { StudentsFacts } from '../students/students.facts';
import { boundingBox } from '../postcodes/distance';
import { blindPriority } from './blind-priority';
import { distanceKm, ineligibility, INELIGIBILITY_MESSAGES } from './eligibility';
import { IneligiblePreferences } from './models/matching.model';
import { MatchingPolicy } from './matching.policy';
import { MatchingRepository, type StudentFacts } from './matching.repository';
import type { StudentPreferenceEntity } from './student-preference.entity';
import type { StudentPreferenceLockEntity } from './student-preference-lock.entity';
import { Clock } from '../../common/clock/clock';

/** A student's ranked list and whether her school locked it. */
export interface PreferenceList {
  studentId: string;
  entries: StudentPreferenceEntity[];
  locked: boolean;
  lockedAt: Date | null;
}

const listOf = (studentId: string, entries: StudentPreferenceEntity[], lock: StudentPreferenceLockEntity | null): PreferenceList => ({
  studentId,
  entries,
  locked: lock !== null,
  lockedAt: lock?.lockedAt ?? null,
});

/** The rule a student breaks by changing a list her school locked (issue #17). */
export const PREFERENCES_LOCKED = 'PREFERENCES_LOCKED';

@Injectable()
export class PreferencesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly matching: MatchingRepository,
    private readonly audit: AuditLog,
    private readonly students: StudentsFacts,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /**
   * Replaces a student's ranked list: her school's staff (own students only), or the student
   * herself (`studentId` is hers: the resolver passes `actor.studentId`; `actor.organizationId` is
   * her school), who may not while her school has locked it (BAD_USER_INPUT rule PREFERENCES_LOCKED).
   * Every entry must be one she may be matched to today; otherwise the whole list is refused with
   * each entry's reason. On request the list is completed with suggestions, marked as such.
   */
  async set(actor: Actor, studentId: string, placementIds: string[], completeWithSuggestions = false): Promise<PreferenceList | IneligiblePreferences> {
    if (placementIds.length > this.env.MATCH_MAX_PREFERENCES) {
      throw BadUserInputError.field('placementIds', `at most ${this.env.MATCH_MAX_PREFERENCES} placements may be ranked`);
    }
    const duplicate = placementIds.findIndex((id, index) => placementIds.indexOf(id) !== index);
    if (duplicate >= 0) throw BadUserInputError.field(`placementIds.${duplicate}`, 'a placement may appear once in the list');
    return this.transactions.run(async () => {
      // Locked first: two lists for her are kept apart (students.repository.ts on why NO KEY UPDATE).
      const student = (await this.students.lockActiveOfSchool(studentId, actor.organizationId)) ? await this.matching.studentFacts(studentId, actor.organizationId) : null;
      if (!student) throw new NotFoundError('Student', { field: 'studentId' });
      const lock = await this.matching.preferenceLock(studentId);
      if (lock && MatchingPolicy.isBoundByLock(actor, studentId)) {
        throw BadUserInputError.field(
          'placementIds',
          `your school locked your preference list on ${lock.lockedAt.toISOString().slice(0, 10)} for the coming round; your school can change or unlock it`,
          PREFERENCES_LOCKED,
        );
      }
      const placements = new Map((await this.matching.placementFacts(placementIds)).map((p) => [p.id, p]));
      // A draft was never public: to a school it does not exist (README "Errors").
      const missing = placementIds.findIndex((id) => (placements.get(id)?.status ?? PlacementStatus.DRAFT) === PlacementStatus.DRAFT);
      if (missing >= 0) throw new NotFoundError('Placement', { field: `placementIds.${missing}` });

      // Seats come and go until the round; only the lasting constraints refuse an entry now.
      const refused = placementIds.flatMap((placementId, position) => {
        const reason = ineligibility(student, { ...placements.get(placementId)!, freeSeats: 1 });
        return reason ? [{ placementId, position, reason, message: INELIGIBILITY_MESSAGES[reason] }] : [];
      });
      if (refused.length) return new IneligiblePreferences(refused);

      const suggestions = completeWithSuggestions ? await this.suggest(student, placementIds) : [];
      const entries = await this.matching.replacePreferences(studentId, [...placementIds, ...suggestions], placementIds.length);
      await this.audit.record(actor, { action: 'student.preferences_set', entityType: 'student', entityId: studentId, after: { placementIds } });
      return listOf(studentId, entries, lock);
    });
  }

  /**
   * Her school's staff lock (or unlock) a student's list before a round: while locked she cannot
   * change it herself; they still can. Locking a locked list, or unlocking an unlocked one, changes
   * nothing and is not audited; each change is.
   */
  async setLocked(actor: Actor, studentId: string, locked: boolean): Promise<PreferenceList> {
    return this.transactions.run(async () => {
      // The same lock as `set` takes: a list is not locked halfway through a change of it.
      if (!(await this.students.lockActiveOfSchool(studentId, actor.organizationId))) throw new NotFoundError('Student', { field: 'studentId' });
      const before = await this.matching.preferenceLock(studentId);
      let lock = before;
      if (locked && !before) lock = await this.matching.lockPreferences(studentId, actor.userId, this.clock.now());
      if (!locked && before) {
        await this.matching.unlockPreferences(studentId);
        lock = null;
      }
      if (Boolean(before) !== locked) {
        await this.audit.record(actor, {
          action: locked ? 'student.preferences_locked' : 'student.preferences_unlocked',
          entityType: 'student',
          entityId: studentId,
          before: { locked: Boolean(before), lockedAt: before?.lockedAt ?? null },
          after: { locked, lockedAt: lock?.lockedAt ?? null },
        });
      }
      return listOf(studentId, await this.matching.preferencesOf(studentId), lock);
    });
  }

  /**
   * Placements she may be matched to, not yet on her list, best fit first (blind priority), then
   * nearest: enough to fill the list up to the limit. Candidates come from the crebo index and a
   * bounding box around her home, not from scanning every placement.
   */
  private async suggest(student: StudentFacts, chosen: string[]): Promise<string[]> {
    const room = this.env.MATCH_MAX_PREFERENCES - chosen.length;
    if (room <= 0) return [];
    const box = boundingBox(student.lat, student.lon, student.radiusKm);
    const candidates = await this.matching.suggestionCandidates(student, box, chosen);
    return candidates
      .filter((placement) => !ineligibility(student, placement))
      .map((placement) => ({ id: placement.id, fit: blindPriority(student, placement), km: distanceKm(student.lat, student.lon, placement.lat, placement.lon) }))
      .sort((a, b) => b.fit - a.fit || a.km - b.km)
      .slice(0, room)
      .map(({ id }) => id);
  }

  /** Her list, for her school's staff or (`studentId` her own, `actor.organizationId` her school) herself. */
  async list(actor: Actor, studentId: string): Promise<PreferenceList> {
    const own = await this.students.isOfSchool(studentId, actor.organizationId);
    if (!own) throw new NotFoundError('Student', { field: 'studentId' });
    const [entries, lock] = await Promise.all([this.matching.preferencesOf(studentId), this.matching.preferenceLock(studentId)]);
    return listOf(studentId, entries, lock);
  }
}
