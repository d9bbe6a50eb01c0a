import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InternshipEntity } from './internship.entity';

export enum ContactType {
  START = 'START',
  MIDDLE = 'MIDDLE',
  END = 'END',
  PROGRESS = 'PROGRESS',
  OTHER = 'OTHER',
}
registerEnumType(ContactType, { name: 'ContactType', description: 'What kind of guidance contact moment (R17)' });

export enum ContactParticipant {
  STUDENT = 'STUDENT',
  SCHOOL = 'SCHOOL',
  COMPANY = 'COMPANY',
}
registerEnumType(ContactParticipant, { name: 'ContactParticipant', description: 'Who took part in a contact moment (R17)' });

/** A guidance contact between school, student and company during an internship (R17). */
@Entity('contact_moments')
@Index(['internshipId', 'date'])
export class ContactMomentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  internshipId: string;

  @ManyToOne(() => InternshipEntity, { onDelete: 'CASCADE' })
  internship?: InternshipEntity;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'enum', enum: ContactType, enumName: 'contact_type' })
  type: ContactType;

  @Column({ type: 'boolean' })
  onSite: boolean;

  @Column({ type: 'enum', enum: ContactParticipant, enumName: 'contact_participant', array: true })
  participants: ContactParticipant[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid' })
  loggedByUserId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
