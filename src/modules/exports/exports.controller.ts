import { Controller, ForbiddenException, Get, GoneException, Header, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../common/auth/allow.decorator';
import { ExportsService } from './exports.service';

/** `GET /exports/:token`: the file (CSV or XLSX) behind a sealed link; 403 when forged, garbled or the user is no longer of the report's audience, 410 when expired. */
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  async download(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const result = await this.exports.download(token);
    if (!result.ok && result.reason === 'EXPIRED') throw new GoneException('This export link has expired; create a new one');
    if (!result.ok) throw new ForbiddenException('This export link is not valid for you');
    response.setHeader('Content-Type', result.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${result.filename}"`);
    response.send(result.body);
  }
}
