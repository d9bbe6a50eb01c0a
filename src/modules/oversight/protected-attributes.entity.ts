import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { StudentEntity } from '../students/student.entity';

export enum MigrationBackground {
  NONE = 'NONE',
  WESTERN = 'WESTERN',
  NON_WESTERN = 'NON_WESTERN',
}
registerEnumType(MigrationBackground, { name: 'MigrationBackground', description: 'A student’s migration background, given only with her consent (R24)' });

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}
registerEnumType(Gender, { name: 'Gender', description: 'A student’s gender, given only with her consent (R24)' });

/** The grounds the adverse-impact audit groups by (R23); the free "other" ground is not grouped. */
export enum AuditGround {
  MIGRATION_BACKGROUND = 'MIGRATION_BACKGROUND',
  GENDER = 'GENDER',
}
registerEnumType(AuditGround, { name: 'AuditGround', description: 'The grounds the adverse-impact audit groups by (R23)' });

/** Per ground: its possible answers and the column holding its blind index. */
export const AUDIT_GROUNDS: Record<AuditGround, { values: string[]; indexColumn: string }> = {
  [AuditGround.MIGRATION_BACKGROUND]: { values: Object.values(MigrationBackground), indexColumn: 'migration_background_index' },
  [AuditGround.GENDER]: { values: Object.values(Gender), indexColumn: 'gender_index' },
};

/** What the student reported, as sealed in `ciphertext`. */
export interface ProtectedAttributes {
  migrationBackground: MigrationBackground | null;
  gender: Gender | null;
  otherGround: string | null;
}

/**
 * R24: optional, self-reported, with recorded consent; stored apart from everything else and
 * encrypted (AES-256-GCM). No role reads a row: only the adverse-impact audit aggregates them.
 * Withdrawing consent deletes the row.
 */
@Entity('protected_attributes')
export class ProtectedAttributesEntity {
  @PrimaryColumn({ type: 'uuid' })
  studentId: string;

  @OneToOne(() => StudentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id' })
  student?: StudentEntity;

  @Column({ type: 'bytea' })
  ciphertext: Buffer;

  @Column({ type: 'bytea' })
  iv: Buffer;

  @Column({ type: 'bytea' })
  authTag: Buffer;

  /** Blind indexes for the audit (see AttributeCipher); null when that question was not answered. */
  @Column({ type: 'bytea', nullable: true })
  migrationBackgroundIndex: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  genderIndex: Buffer | null;

  @Column({ type: 'date' })
  consentGivenOn: string;

  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
