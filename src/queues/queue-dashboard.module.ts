import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { type Actor, hasRole, Role } from '../common/auth/roles';
import { OrganizationsModule } from '../modules/organizations/organizations.module';
import { AuthService } from '../modules/organizations/auth.service';
import { SessionKind } from '../modules/organizations/session.entity';
import { SessionsService } from '../modules/organizations/sessions.service';
import {
  QUEUE_DASHBOARD_PATH,
  QUEUE_DASHBOARD_SESSION_PATH,
  QueueDashboardSessionController,
  queueDashboardCookie,
} from './queue-dashboard-session';
import { QueueName } from './queues';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for PLATFORM admins only: the cookie that
 * `POST /admin/queues/session` sets (for a browser), or the login token as `Authorization: Bearer`.
 * A token in the URL is never accepted.
 */
@Module({ imports: [OrganizationsModule], controllers: [QueueDashboardSessionController] })
export class QueueDashboardModule implements NestModule {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(QueueName).map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      serverAdapter,
    });
    consumer
      .apply(this.platformAdminsOnly, serverAdapter.getRouter())
      .exclude({ path: QUEUE_DASHBOARD_SESSION_PATH, method: RequestMethod.ALL })
      .forRoutes(QUEUE_DASHBOARD_PATH);
  }

  private readonly platformAdminsOnly = async (req: Request, res: Response, next: NextFunction) => {
    const actor = await this.actorOf(req);
    if (!actor) return res.status(401).json({ error: 'UNAUTHENTICATED' });
    if (!hasRole(actor, Role.PLATFORM_ADMIN)) return res.status(403).json({ error: 'FORBIDDEN' });
    next();
  };

  private async actorOf(req: Request): Promise<Actor | null> {
    if (req.headers.authorization) return (await this.auth.apiSession(req.headers.authorization))?.actor ?? null;
    const cookie = queueDashboardCookie(req);
    return cookie ? ((await this.sessions.validate(cookie, SessionKind.QUEUE_DASHBOARD))?.actor ?? null) : null;
  }
}
