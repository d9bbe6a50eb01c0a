import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { PostcodesService } from '../postcodes/postcodes.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { type CreateStudentInput, type StudentsArgs, StudentOrderField, type UpdateStudentInput } from './dto/student.input';
import type { StudentEntity } from './student.entity';
import { implausibleAge } from './door-checks';
import { StudentsPolicy } from './students.policy';
import { StudentsRepository } from './students.repository';

/** School staff manage their own students; another school's students do not exist for them. */
/** Her guardian's contact as stored (issue #17): absent fields are none; the address lower-case, as account addresses are. */
const guardianOf = (identity: { guardianName?: string | null; guardianEmail?: string | null }) => ({
  guardianName: identity.guardianName?.trim() || null,
  guardianEmail: identity.guardianEmail?.trim().toLowerCase() || null,
});

@Injectable()
export class StudentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly students: StudentsRepository,
    private readonly postcodes: PostcodesService,
    private readonly clock: Clock,
    private readonly qualifications: QualificationsService,
  ) {}

  async create(actor: Actor, input: CreateStudentInput): Promise<StudentEntity> {
    const { identity, ...profile } = input;
    return this.transactions.run(async () => {
      const student = this.students.create({
        ...profile,
        studentNumber: profile.studentNumber ?? null,
        accessibilityNeeds: profile.accessibilityNeeds ?? null,
        schoolId: actor.organizationId,
      });
      await this.checkProfile(student, true, identity);
      await this.students.save(student);
      await this.students.insertIdentity({ ...identity, ...guardianOf(identity), phone: identity.phone ?? null, studentId: student.id });
      await this.audit.record(actor, { action: 'student.created', entityType: 'student', entityId: student.id, after: student });
      return student;
    });
  }

  async update(actor: Actor, id: string, input: UpdateStudentInput): Promise<StudentEntity> {
    const { identity, ...changes } = input;
    return this.transactions.run(async () => {
      const student = await this.findOwn(actor, id);
      const before = { ...student };
      this.students.merge(student, changes);
      const changesAge = identity !== undefined || changes.availableFrom !== undefined;
      await this.checkProfile(
        student,
        changes.crebo !== undefined || changes.werkprocessen !== undefined || changes.availableFrom !== undefined,
        changesAge ? (identity ?? (await this.students.identities([id]))[0]) : undefined,
      );
      await this.students.save(student);
      if (identity) await this.students.updateIdentity(id, { ...identity, ...guardianOf(identity), phone: identity.phone ?? null });
      await this.audit.record(actor, { action: 'student.updated', entityType: 'student', entityId: id, before, after: student });
      return student;
    });
  }

  /** Archived students keep their history but leave lists and future match rounds. */
  async archive(actor: Actor, id: string): Promise<StudentEntity> {
    return this.transactions.run(async () => {
      const student = await this.findOwn(actor, id);
      if (!student.archivedAt) {
        student.archivedAt = this.clock.now();
        await this.students.save(student);
        await this.audit.record(actor, { action: 'student.archived', entityType: 'student', entityId: id });
      }
      return student;
    });
  }

  /** NOT_FOUND, never FORBIDDEN, for another school's student: no hint that she exists. */
  async findOwn(actor: Actor, id: string): Promise<StudentEntity> {
    const school = StudentsPolicy.managedSchool(actor);
    const student = school ? await this.students.findOfSchool(id, school) : null;
    if (!student) throw new NotFoundError('Student');
    return student;
  }

  /**
   * The one writer of `rematch_priority`: a student goes first among equal scores in the next match
   * round after her internship ended early, or after her placement's accreditation was revoked (R2);
   * the round that has placed her clears it. Audited when `actor` or `rule` says who caused it.
   */
  async setRematchPriority(actor: Actor | null, studentIds: string[], value: boolean, rule?: string): Promise<string[]> {
    if (!studentIds.length) return [];
    return this.transactions.run(async () => {
      const changed = await this.students.setRematchPriority(studentIds, value);
      if (rule) {
        await this.audit.record(
          actor,
          changed.map((id) => ({ action: 'student.rematch_priority', entityType: 'student', entityId: id, after: { rematchPriority: value, rule } })),
        );
      }
      return changed;
    });
  }

  /** Her probable duplicates at her school: other current students with her name and date of birth (issue #18). */
  async probableDuplicates(student: StudentEntity): Promise<string[]> {
    const [identity] = await this.students.identities([student.id]);
    if (!identity) return [];
    const found = await this.students.probableDuplicates(student.schoolId, [{ fullName: identity.fullName, dateOfBirth: identity.dateOfBirth, exceptId: student.id }]);
    return found.map((row) => row.studentId);
  }

  list(actor: Actor, { filter: given, orderBy, ...page }: StudentsArgs): Promise<Connection<StudentEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const schoolId = StudentsPolicy.managedSchool(actor) ?? actor.organizationId;
    const query = this.students.listQuery(schoolId);
    if (orderBy?.field === StudentOrderField.NAME) this.students.joinIdentity(query);
    if (!filter.includeArchived) query.andWhere('student.archivedAt IS NULL');
    if (filter.crebo) query.andWhere('student.crebo = :crebo', { crebo: filter.crebo });
    if (filter.level) query.andWhere('student.level = :level', { level: filter.level });
    if (filter.leerweg) query.andWhere('student.leerweg = :leerweg', { leerweg: filter.leerweg });
    if (filter.cohort) query.andWhere('student.cohort = :cohort', { cohort: filter.cohort });
    if (filter.name) this.students.whereNameContains(query, filter.name);
    const ordering = orderingOf(
      { CREATED_AT: 'student.createdAt', NAME: 'lower(identity.fullName)', AVAILABLE_FROM: 'student.availableFrom', CREBO: 'student.crebo' },
      'student.id',
      orderBy,
      { field: StudentOrderField.CREATED_AT, direction: SortDirection.DESC },
    );
    // The whole current list (the everyday read) has its length kept; a filtered one is counted.
    const filtered = filter.includeArchived || filter.crebo || filter.level || filter.leerweg || filter.cohort || filter.name;
    return paginate(query, page, filtered ? { ordering } : { ordering, totalInPage: this.students.currentCountSql('student'), count: () => this.students.currentCount(schoolId) });
  }

  /** `qualification`: R4 against the register too (on create, and when the crebo, werkprocessen or first available day change). */
  private async checkProfile(student: StudentEntity, qualification: boolean, identity?: { dateOfBirth: string }): Promise<void> {
    if (student.availableUntil < student.availableFrom) {
      throw BadUserInputError.field('input.availableUntil', 'availableUntil must not be before availableFrom');
    }
    const age = identity && implausibleAge(identity.dateOfBirth, student.availableFrom);
    if (age) throw BadUserInputError.field('input.identity.dateOfBirth', age, 'MBO_AGE');
    if (student.studentNumber && (await this.students.studentNumberTaken(student.schoolId, student.studentNumber, student.id))) {
      throw BadUserInputError.field('input.studentNumber', `your school has a student with number ${student.studentNumber} already`, 'STUDENT_NUMBER_UNIQUE');
    }
    await this.postcodes.require(student.homePostcode, 'input.homePostcode');
    // R4: her crebo valid on the first day she is available, her werkproces codes from its dossier.
    if (qualification) {
      await this.qualifications.requireValid([
        { crebo: student.crebo, date: student.availableFrom, werkprocessen: student.werkprocessen, creboField: 'input.crebo', werkprocessenField: 'input.werkprocessen' },
      ]);
    }
  }
}
