import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';

/**
 * Whether a student is matched at a placement (an open proposal there, or an internship holding its
 * seat): matching answers it (registered at boot), for assigning her a praktijkopleider (R6, R20).
 */
@Injectable()
export class StudentsMatchedAt extends Hook<(placementId: string, studentId: string) => Promise<boolean>> {
  constructor() {
    super('check that a student is matched at a placement', 'MatchingModule');
  }
}
