import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { NotFoundError } from '../../common/errors/domain-errors';
import { Transactions } from '../../database/transactions';
import { StudentsFacts } from '../students/students.facts';
import { AttributeCipher } from './attribute-cipher';
import type { ProtectedAttributesInput } from './dto/protected-attributes.input';
import { OversightRepository } from './oversight.repository';
import { AuditGround, type ProtectedAttributes } from './protected-attributes.entity';

@Injectable()
export class ProtectedAttributesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly cipher: AttributeCipher,
    private readonly students: StudentsFacts,
    private readonly oversight: OversightRepository,
  ) {}

  /** The school records what the student reported, with her consent; the audit row holds no values. */
  async record(actor: Actor, studentId: string, input: ProtectedAttributesInput): Promise<boolean> {
    return this.transactions.run(async () => {
      await this.requireOwnStudent(actor, studentId);
      const attributes: ProtectedAttributes = {
        migrationBackground: input.migrationBackground ?? null,
        gender: input.gender ?? null,
        otherGround: input.otherGround ?? null,
      };
      await this.oversight.saveAttributes({
        studentId,
        ...this.cipher.seal(attributes),
        migrationBackgroundIndex: this.index(studentId, AuditGround.MIGRATION_BACKGROUND, attributes.migrationBackground),
        genderIndex: this.index(studentId, AuditGround.GENDER, attributes.gender),
        consentGivenOn: input.consentGivenOn,
        recordedByUserId: actor.userId,
      });
      await this.audit.record(actor, { action: 'protected_attributes.recorded', entityType: 'student', entityId: studentId, after: { consentGivenOn: input.consentGivenOn } });
      return true;
    });
  }

  /** Withdrawn consent deletes what was stored (R24). */
  async withdraw(actor: Actor, studentId: string): Promise<boolean> {
    return this.transactions.run(async () => {
      await this.requireOwnStudent(actor, studentId);
      const deleted = await this.oversight.deleteAttributes(studentId);
      await this.audit.record(actor, { action: 'protected_attributes.consent_withdrawn', entityType: 'student', entityId: studentId, after: { deleted } });
      return deleted;
    });
  }

  private index(studentId: string, ground: AuditGround, value: string | null): Buffer | null {
    return value === null ? null : this.cipher.blindIndex(studentId, ground, value);
  }

  private async requireOwnStudent(actor: Actor, studentId: string): Promise<void> {
    if (!(await this.students.isOfSchool(studentId, actor.organizationId))) throw new NotFoundError('Student', { field: 'studentId' });
  }
}
