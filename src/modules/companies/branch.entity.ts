import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { PostcodeEntity } from '../postcodes/postcode.entity';

/** A vestiging (branch) of a leerbedrijf; accreditations are granted per branch. */
@Entity('branches')
export class BranchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  company?: OrganizationEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  street: string;

  @Column({ type: 'varchar', length: 20 })
  houseNumber: string;

  /** Full postcode, e.g. `3511 AB`. */
  @Column({ type: 'varchar', length: 7 })
  postcode: string;

  @Index()
  @Column({ type: 'char', length: 4 })
  pc4: string;

  @ManyToOne(() => PostcodeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pc4' })
  pc4Area?: PostcodeEntity;

  @Column({ type: 'varchar', length: 100 })
  city: string;

  /** The public register may hide the address, e.g. of a women's shelter (Reglement art. 5). */
  @Column({ type: 'boolean', default: false })
  addressHidden: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
