import { Check, Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Leerweg } from '../../common/qualification';
import { Sector } from '../organizations/sector';
import { KerntaakEntity } from './kerntaak.entity';

/**
 * One version of a kwalificatiedossier in SBB's register (R4): a crebo is valid from `validFrom`
 * through `validUntil` (open-ended when null); a new version of the same crebo starts where the
 * previous one ends (versions of one crebo never overlap: the service refuses it).
 */
@Entity('qualification_dossiers')
@Unique('qualification_dossiers_crebo_version', ['crebo', 'validFrom'])
@Check('qualification_dossiers_crebo_r4', '"crebo" ~ \'^[0-9]{5}$\'')
@Check('qualification_dossiers_period', '"valid_until" IS NULL OR "valid_until" >= "valid_from"')
export class QualificationDossierEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 5 })
  crebo: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: Sector, enumName: 'sector' })
  sector: Sector;

  @Column({ type: 'smallint', array: true })
  levels: number[];

  @Column({ type: 'enum', enum: Leerweg, enumName: 'leerweg', array: true })
  leerwegen: Leerweg[];

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  /** Written by the demo seed or the test factories, not by SBB: shown as demo data. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @OneToMany(() => KerntaakEntity, (kerntaak) => kerntaak.dossier)
  kerntaken?: KerntaakEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
