import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { buildHealthReportHtml } from '@hourglass/success-customer';
import { outsideProvider, type Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { AssetHealthReportService } from '../health-report/asset-health-report.service';
import { ReportPdfPrinter } from '../health-report/report-pdf.printer';
import { parseBody } from '../request-validation';
import { CurrentCaller } from '../scope.decorator';

/** Days of telemetry a report charts by default, and at most. */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 365;

const reportQuery = z
  .object({
    format: z.enum(['html', 'pdf']).optional(),
    days: z.coerce.number().int().min(1).max(MAX_DAYS).optional(),
  })
  .strict();

@ApiTags('assets')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/assets')
export class AssetHealthReportController {
  constructor(
    private readonly reports: AssetHealthReportService,
    private readonly printer: ReportPdfPrinter,
  ) {}

  @Get(':id/health-report')
  @ApiOperation({
    summary:
      "An asset's health report (what the customer receives after a service visit): risk and RUL, metric trends as SVG charts, the last completed order (failure code, parts), open orders and the next plan due date, availability and operating hours of its contract's current period. Customer and partner users get it without costs",
  })
  @ApiQuery({ name: 'format', required: false, enum: ['html', 'pdf'], description: 'default html' })
  @ApiQuery({
    name: 'days',
    required: false,
    description: `days of telemetry charted, up to now (default ${DEFAULT_DAYS}, at most ${MAX_DAYS})`,
  })
  @ApiResponse({
    status: 200,
    description: 'a self-contained HTML page (charts as inline SVG), or its PDF (A4)',
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiResponse({ status: 404, description: "no such asset in the caller's scope" })
  @ApiResponse({ status: 503, description: 'PDF_UNAVAILABLE: no Chromium on the server' })
  async report(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const q = parseBody(reportQuery, query);
    const report = await this.reports.report({
      scope: caller.scope,
      assetId: id,
      days: q.days ?? DEFAULT_DAYS,
      withCosts: !outsideProvider(caller),
      nowMs: Date.now(),
    });
    if (!report) throw new NotFoundError(`asset ${id} not found`);
    const html = buildHealthReportHtml(report);
    if (q.format !== 'pdf') {
      res.status(200).type('text/html; charset=utf-8').send(html);
      return;
    }
    const pdf = await this.printer.print(html);
    res
      .status(200)
      .type('application/pdf')
      .setHeader(
        'content-disposition',
        `inline; filename="health-report-${encodeURIComponent(id)}.pdf"`,
      )
      .send(pdf);
  }
}
