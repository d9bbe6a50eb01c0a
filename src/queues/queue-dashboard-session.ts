import { Controller, Delete, Post, Req, Res } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { Public } from '../common/auth/allow.decorator';
import { hasRole, Role } from '../common/auth/roles';
import { Environment } from '../config/environment';
import { AuthService } from '../modules/organizations/auth.service';
import { SessionKind } from '../modules/organizations/session.entity';
import { SessionsService } from '../modules/organizations/sessions.service';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_SESSION_PATH = `${QUEUE_DASHBOARD_PATH}/session`;
export const QUEUE_DASHBOARD_COOKIE = 'sm_queue_session';

/** The dashboard cookie's token (a session of its own), or undefined. */
export function queueDashboardCookie(req: Request): string | undefined {
  const pattern = new RegExp(`(?:^|;\\s*)${QUEUE_DASHBOARD_COOKIE}=([^;]+)`);
  return pattern.exec(req.headers.cookie ?? '')?.[1];
}

/**
 * Signing in to the queue dashboard without a token in any URL: `POST /admin/queues/session` with
 * a PLATFORM admin's `Authorization: Bearer` token sets an HttpOnly, SameSite=Strict cookie (Secure
 * in production) scoped to /admin/queues. It holds a dashboard session of its own: valid for an hour
 * at most and never beyond the API session it came from, ended by `logout` or `revokeSessions` of
 * that one, or by `DELETE /admin/queues/session`.
 */
@Controller(QUEUE_DASHBOARD_SESSION_PATH)
export class QueueDashboardSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly env: Environment,
  ) {}

  @Post()
  @Public()
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    const parent = req.headers.authorization ? await this.auth.apiSession(req.headers.authorization) : null;
    res.setHeader('Cache-Control', 'no-store');
    if (!parent) {
      res.status(401).json({ error: 'UNAUTHENTICATED' });
      return;
    }
    if (!hasRole(parent.actor, Role.PLATFORM_ADMIN)) {
      res.status(403).json({ error: 'FORBIDDEN' });
      return;
    }
    const session = await this.sessions.startQueueDashboardSession(parent);
    res.cookie(QUEUE_DASHBOARD_COOKIE, session.token, { ...this.cookieOptions(), maxAge: session.expiresAt.getTime() - Date.now() });
    res.status(204).end();
  }

  @Delete()
  @Public()
  async end(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = queueDashboardCookie(req);
    const session = token ? await this.sessions.validate(token, SessionKind.QUEUE_DASHBOARD) : null;
    if (session) await this.sessions.revoke(session.sessionId);
    res.clearCookie(QUEUE_DASHBOARD_COOKIE, this.cookieOptions());
    res.status(204).end();
  }

  private cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.env.isProduction, path: QUEUE_DASHBOARD_PATH };
  }
}
