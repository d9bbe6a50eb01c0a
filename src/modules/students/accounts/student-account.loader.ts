import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../../common/graphql/request-loaders';
import { InvitationsService } from '../../organizations/invitations/invitations.service';
import { StudentAccountStatus } from './student-account-status';

/** Each student's account status, batched per request. */
@Injectable()
export class StudentAccountLoader implements LoaderFactory<string, StudentAccountStatus> {
  constructor(private readonly invitations: InvitationsService) {}

  createLoader() {
    return new DataLoader<string, StudentAccountStatus>(async (ids) => {
      const statuses = await this.invitations.studentAccounts(ids);
      return ids.map((id) => (statuses.get(id) as StudentAccountStatus | undefined) ?? StudentAccountStatus.NONE);
    });
  }
}
