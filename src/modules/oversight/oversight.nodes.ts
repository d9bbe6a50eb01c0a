import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Role } from '../../common/auth/roles';
import { NodeLookups } from '../../common/graphql/node-lookups';
import { AdverseImpactService } from './adverse-impact.service';

/** node(id) for an adverse-impact flag: SBB only, as its field on a report (reporting cannot import this module). */
@Injectable()
export class OversightNodes implements OnModuleInit {
  constructor(
    private readonly lookups: NodeLookups,
    private readonly service: AdverseImpactService,
  ) {}

  onModuleInit(): void {
    this.lookups.register('AdverseImpactFlag', { table: 'adverse_impact_flags', roles: [Role.SBB], find: (_actor, id) => this.service.findFlag(id) });
  }
}
