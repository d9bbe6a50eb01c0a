import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationType } from '../../common/auth/roles';
import { Sector } from './sector';

@Entity('organizations')
@Check('organizations_school_brin', `"type" <> 'SCHOOL' OR "brin_code" IS NOT NULL`)
@Check('organizations_company_kvk', `"type" <> 'COMPANY' OR ("kvk_number" IS NOT NULL AND "sector" IS NOT NULL)`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: OrganizationType, enumName: 'organization_type' })
  type: OrganizationType;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** BRIN code of a school (4 characters, e.g. 25LJ). */
  @Column({ type: 'varchar', length: 4, nullable: true, unique: true })
  brinCode: string | null;

  /** Chamber of Commerce number of a company (8 digits). */
  @Column({ type: 'varchar', length: 8, nullable: true, unique: true })
  kvkNumber: string | null;

  @Column({ type: 'enum', enum: Sector, enumName: 'sector', nullable: true })
  sector: Sector | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
