import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { QualificationDossierEntity } from './qualification-dossier.entity';

/** A kerntaak of a dossier version (`B1-K1`), with its werkprocessen. */
@Entity('qualification_kerntaken')
@Unique('qualification_kerntaken_code', ['dossierId', 'code'])
export class KerntaakEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dossierId: string;

  @ManyToOne(() => QualificationDossierEntity, (dossier) => dossier.kerntaken, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: QualificationDossierEntity;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  /** Its werkprocessen, in order: `{ code: 'B1-K1-W1', title }`. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  werkprocessen: { code: string; title: string }[];
}
