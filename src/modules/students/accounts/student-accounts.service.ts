import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/roles';
import { NotFoundError } from '../../../common/errors/domain-errors';
import type { InvitationEntity } from '../../organizations/invitations/invitation.entity';
import { InvitationsService } from '../../organizations/invitations/invitations.service';
import type { StudentEntity } from '../student.entity';
import { StudentsRepository } from '../students.repository';
import { StudentsService } from '../students.service';

/**
 * A student's own account (issue #17): her school invites her by e-mail, she chooses her password
 * from the link (or signs in through her school's SSO with that address) and from then on acts as
 * herself, role STUDENT, seeing only what is hers.
 */
@Injectable()
export class StudentAccountsService {
  constructor(
    private readonly students: StudentsService,
    private readonly repository: StudentsRepository,
    private readonly invitations: InvitationsService,
  ) {}

  /** Her school's staff: an invitation to the address given, else her identity's; inviting again replaces the open one. */
  async invite(actor: Actor, studentId: string, email: string | undefined, language: 'nl' | 'en' | undefined): Promise<InvitationEntity> {
    const student = await this.students.findOwn(actor, studentId);
    if (student.archivedAt) throw new NotFoundError('Student', { field: 'studentId' });
    const [identity] = await this.repository.identities([studentId]);
    return this.invitations.inviteStudent(
      actor,
      { studentId, email: email ?? identity.email, name: identity.fullName, language },
      email === undefined ? 'studentId' : 'email',
    );
  }

  /** The student signed in as herself: her own profile. */
  async herself(actor: Actor): Promise<StudentEntity> {
    const student = actor.studentId ? await this.repository.findOfSchool(actor.studentId, actor.organizationId) : null;
    if (!student) throw new NotFoundError('Student');
    return student;
  }
}
