import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import { PostcodesService } from '../postcodes/postcodes.service';
import type { CreateStudentInput, StudentsArgs, UpdateStudentInput } from './dto/student.input';
import { StudentIdentityEntity } from './student-identity.entity';
import { StudentEntity } from './student.entity';

/** School staff manage their own students; another school's students do not exist for them. */
@Injectable()
export class StudentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postcodes: PostcodesService,
  ) {}

  async create(actor: Actor, input: CreateStudentInput): Promise<StudentEntity> {
    const { identity, ...profile } = input;
    return inTransaction(this.dataSource, async (manager) => {
      const student = manager.create(StudentEntity, {
        ...profile,
        accessibilityNeeds: profile.accessibilityNeeds ?? null,
        schoolId: actor.organizationId,
      });
      await this.checkProfile(manager, student);
      await manager.save(student);
      await manager.insert(StudentIdentityEntity, { ...identity, phone: identity.phone ?? null, studentId: student.id });
      await recordAudit(manager, actor, { action: 'student.created', entityType: 'student', entityId: student.id, after: student });
      return student;
    });
  }

  async update(actor: Actor, id: string, input: UpdateStudentInput): Promise<StudentEntity> {
    const { identity, ...changes } = input;
    return inTransaction(this.dataSource, async (manager) => {
      const student = await this.findOwn(actor, id, manager);
      const before = { ...student };
      manager.merge(StudentEntity, student, changes);
      await this.checkProfile(manager, student);
      await manager.save(student);
      if (identity) {
        await manager.update(StudentIdentityEntity, { studentId: id }, { ...identity, phone: identity.phone ?? null });
      }
      await recordAudit(manager, actor, { action: 'student.updated', entityType: 'student', entityId: id, before, after: student });
      return student;
    });
  }

  /** Archived students keep their history but leave lists and future match rounds. */
  async archive(actor: Actor, id: string): Promise<StudentEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const student = await this.findOwn(actor, id, manager);
      if (!student.archivedAt) {
        student.archivedAt = new Date();
        await manager.save(student);
        await recordAudit(manager, actor, { action: 'student.archived', entityType: 'student', entityId: id });
      }
      return student;
    });
  }

  /** NOT_FOUND, never FORBIDDEN, for another school's student: no hint that she exists. */
  async findOwn(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<StudentEntity> {
    const student = await manager.findOneBy(StudentEntity, { id, schoolId: actor.organizationId });
    if (!student) throw new NotFoundError('Student');
    return student;
  }

  list(actor: Actor, { filter: given, ...page }: StudentsArgs): Promise<Connection<StudentEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.dataSource
      .getRepository(StudentEntity)
      .createQueryBuilder('student')
      .where('student.schoolId = :schoolId', { schoolId: actor.organizationId })
      .orderBy('student.createdAt', 'DESC')
      .addOrderBy('student.id');
    if (!filter.includeArchived) query.andWhere('student.archivedAt IS NULL');
    if (filter.crebo) query.andWhere('student.crebo = :crebo', { crebo: filter.crebo });
    if (filter.level) query.andWhere('student.level = :level', { level: filter.level });
    if (filter.leerweg) query.andWhere('student.leerweg = :leerweg', { leerweg: filter.leerweg });
    if (filter.cohort) query.andWhere('student.cohort = :cohort', { cohort: filter.cohort });
    if (filter.name) {
      query
        .innerJoin(StudentIdentityEntity, 'identity', 'identity.studentId = student.id')
        .andWhere('identity.fullName ILIKE :name', { name: `%${filter.name.replace(/[\\%_]/g, '\\$&')}%` });
    }
    return paginate(query, page);
  }

  private async checkProfile(manager: EntityManager, student: StudentEntity): Promise<void> {
    if (student.availableUntil < student.availableFrom) {
      throw BadUserInputError.field('input.availableUntil', 'availableUntil must not be before availableFrom');
    }
    await this.postcodes.require(student.homePostcode, 'input.homePostcode', manager);
  }
}
