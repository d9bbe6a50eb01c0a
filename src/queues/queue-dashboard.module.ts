import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { hasRole, Role } from '../common/auth/roles';
import { OrganizationsModule } from '../modules/organizations/organizations.module';
import { AuthService } from '../modules/organizations/auth.service';
import { QueueName } from './queues';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for PLATFORM admins only: send the login
 * token as `Authorization: Bearer`, or once as `?token=`, which sets an HttpOnly cookie.
 */
@Module({ imports: [OrganizationsModule] })
export class QueueDashboardModule implements NestModule {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly auth: AuthService,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(QueueName).map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      serverAdapter,
    });
    consumer.apply(this.platformAdminsOnly, serverAdapter.getRouter()).forRoutes(QUEUE_DASHBOARD_PATH);
  }

  private readonly platformAdminsOnly = async (req: Request, res: Response, next: NextFunction) => {
    const cookieToken = /(?:^|;\s*)sm_admin=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const queryToken = typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = queryToken ?? cookieToken;
    const header = req.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
    const { actor } = await this.auth.resolveActor(header);
    if (!actor) return res.status(401).json({ error: 'UNAUTHENTICATED' });
    if (!hasRole(actor, Role.PLATFORM_ADMIN)) return res.status(403).json({ error: 'FORBIDDEN' });
    if (queryToken) res.cookie('sm_admin', queryToken, { httpOnly: true, sameSite: 'strict', path: QUEUE_DASHBOARD_PATH });
    next();
  };
}
