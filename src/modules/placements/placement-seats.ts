import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';

/**
 * The seats a placement's internships hold, counted by internships ("a seat is taken" is theirs,
 * seats.ts), which registers it at boot. Called under the placement's row lock.
 */
@Injectable()
export class PlacementSeats extends Hook<(placementId: string) => Promise<number>> {
  constructor() {
    super('count of seats held', 'InternshipsModule');
  }
}
