import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/allow.decorator';
import { OidcSignIn } from './oidc-sign-in.service';

/**
 * The browser's side of single sign-on. Both answers are redirects (302), never cached: to the
 * provider, or to the front end (APP_URL) with `#code=…` or `#error=…`.
 */
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly signIn: OidcSignIn) {}

  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
    this.redirect(res, await this.signIn.callback(query));
  }

  @Get(':organization/start')
  @Public()
  async start(@Param('organization') organizationId: string, @Res() res: Response): Promise<void> {
    this.redirect(res, await this.signIn.start(organizationId));
  }

  private redirect(res: Response, location: string): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, location);
  }
}
