import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';
import type { Queryable } from '../../database/prepared-queries';

/**
 * The company each discrimination report is about, for the aftercare task's message (R22): the
 * meldpunt answers it (registered at boot), as it opens those tasks and so sits above school-tasks.
 */
@Injectable()
export class ReportedCompanies extends Hook<(db: Queryable, reportIds: string[]) => Promise<Map<string, string>>> {
  constructor() {
    super('company of a discrimination report', 'MeldpuntModule');
  }
}
