import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { keyedLoader, type LoaderFactory } from '../../../common/graphql/request-loaders';
import { PreparedQueries } from '../../../database/prepared-queries';
import { BranchEntity } from '../../companies/branch.entity';
import { OrganizationEntity } from '../../organizations/organization.entity';

/** A placement's company and branch, which every placement list shows. */
export interface PlacementParties {
  key: string;
  company: OrganizationEntity;
  branch: BranchEntity;
}

/** The key of a placement's parties: its company and branch ids. */
export const partiesKey = (placement: { companyId: string; branchId: string }) => `${placement.companyId}/${placement.branchId}`;

/**
 * The companies and branches of a request's placements in one prepared statement instead of one
 * each (organizations' and companies' loaders): a placement list costs a statement less (issue #20).
 * A join of two modules' tables, so it lives in reporting, which may read them all.
 */
@Injectable()
export class PlacementPartiesLoader implements LoaderFactory<string, PlacementParties | null> {
  private readonly text: string;

  constructor(private readonly db: PreparedQueries) {
    const columns = [...db.selectList(OrganizationEntity, 'o', 'company.'), ...db.selectList(BranchEntity, 'b', 'branch.')];
    this.text = `SELECT k.key, ${columns.join(', ')}
      FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS k(key, company_id, branch_id)
      JOIN organizations o ON o.id = k.company_id JOIN branches b ON b.id = k.branch_id`;
  }

  createLoader(): DataLoader<string, PlacementParties | null> {
    return keyedLoader(async (keys) => {
      const ids = keys.map((key) => key.split('/'));
      const rows = await this.db.query<Record<string, unknown> & { key: string }>(this.text, [keys, ids.map(([company]) => company), ids.map(([, branch]) => branch)]);
      return rows.map((row) => ({ key: row.key, company: this.db.hydrate(OrganizationEntity, row, 'company.'), branch: this.db.hydrate(BranchEntity, row, 'branch.') }));
    }, (parties) => parties.key);
  }
}
