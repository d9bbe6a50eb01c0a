import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { StudentEntity } from '../students/student.entity';

export enum MigrationBackground {
  NONE = 'NONE',
  WESTERN = 'WESTERN',
  NON_WESTERN = 'NON_WESTERN',
}
registerEnumType(MigrationBackground, { name: 'MigrationBackground' });

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}
registerEnumType(Gender, { name: 'Gender' });

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

  @Column({ type: 'date' })
  consentGivenOn: string;

  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
