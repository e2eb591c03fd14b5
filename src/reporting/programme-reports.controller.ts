import { Controller, Get, Header, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PassThrough, Readable } from 'node:stream';
import { CurrentActor, type Actor } from '../platform/auth/actor';
import { Public, Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS as AUTH } from '../platform/errors/api-errors.decorator';
import { ValidationError } from '../platform/errors/domain-error';
import { PublicRateLimit } from '../platform/http/public-throttler.guard';
import { csvStream, writeXlsx } from './domain/programme-report-format';
import {
  BudgetReportDto,
  DashboardDto,
  FunnelReportDto,
  GrantsReportDto,
  OpenDataPackageInfoDto,
  PaymentsReportDto,
  ProcessingTimesReportDto,
  ReportQueryDto,
} from './dto/programme-reports.dto';
import { OpenDataService } from './programme-reports.open-data';
import { ProgrammeReportsService, type ReportName } from './programme-reports.service';

const READERS = ['caseworker', 'approver', 'finance', 'auditor', 'admin'] as const;
const ERRORS = { ...AUTH, 400: ['VALIDATION_FAILED', 'REPORT_PART_UNKNOWN'], 403: ['ROLE_NOT_ALLOWED'] } as const;
const FORMATS = 'format=json (default), csv (one part, ?part=…; UTF-8 with BOM, `;`, decimal comma) or xlsx (one sheet per part)';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ProgrammeReportsController {
  constructor(
    private readonly reports: ProgrammeReportsService,
    private readonly openData: OpenDataService,
  ) {}

  @Get('reports/budget')
  @Roles(...READERS)
  @ApiOperation({ summary: `Budget per call and fiscal year (the ledger), per district, and approved costs per district and category; ${FORMATS}` })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: BudgetReportDto })
  @ApiErrors(ERRORS)
  budget(@Query() q: ReportQueryDto) {
    return this.answer('budget', q, () => this.reports.budget(q));
  }

  @Get('reports/funnel')
  @Roles(...READERS)
  @ApiOperation({ summary: `Cases per call through the steps, concept submitted to settled; ${FORMATS}` })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: FunnelReportDto })
  @ApiErrors(ERRORS)
  funnel(@Query() q: ReportQueryDto) {
    return this.answer('funnel', q, () => this.reports.funnel(q));
  }

  @Get('reports/processing-times')
  @Roles(...READERS)
  @ApiOperation({ summary: `Median and 90th percentile days between the main steps, per call and per team of the caseworker who did the formal check; ${FORMATS}` })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: ProcessingTimesReportDto })
  @ApiErrors(ERRORS)
  processingTimes(@Query() q: ReportQueryDto) {
    return this.answer('processing-times', q, () => this.reports.processingTimes(q));
  }

  @Get('reports/payments')
  @Roles(...READERS)
  @ApiOperation({ summary: `Payments per month, open recovery claims with interest to date, overdue proofs of use; ${FORMATS}` })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: PaymentsReportDto })
  @ApiErrors(ERRORS)
  payments(@Query() q: ReportQueryDto) {
    return this.answer('payments', q, () => this.reports.payments(q));
  }

  @Get('reports/grants')
  @Roles(...READERS)
  @ApiOperation({ summary: `Every case with its committed, paid and recovered amounts (streamed in pages in every format); ${FORMATS}` })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: GrantsReportDto })
  @ApiErrors(ERRORS)
  grants(@Query() q: ReportQueryDto) {
    if ((q.format ?? 'json') !== 'json') return this.answer('grants', q, async () => ({}));
    // JSON streamed too: a page at a time, never the whole list in memory
    const pages = this.reports.grantPages(q);
    const body = Readable.from(
      (async function* () {
        yield '{"cases":[';
        let first = true;
        for await (const page of pages) {
          for (const row of page) {
            yield (first ? '' : ',') + JSON.stringify(row);
            first = false;
          }
        }
        yield ']}';
      })(),
    );
    return new StreamableFile(body, { type: 'application/json; charset=utf-8' });
  }

  @Get('reports/dashboard')
  @Roles(...READERS)
  @ApiOperation({ summary: "The programme owner's start page: budget used per call, cases per state, overdue items (two aggregate queries)" })
  @ApiOkResponse({ type: DashboardDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'] })
  dashboard() {
    return this.reports.dashboard();
  }

  @Public()
  @PublicRateLimit()
  @Get('open-data/360giving')
  @ApiOperation({ summary: 'The latest published 360Giving package: its SHA-256, number of grants and date (public)' })
  @ApiOkResponse({ type: OpenDataPackageInfoDto })
  @ApiErrors({ 404: ['OPEN_DATA_NOT_PUBLISHED'], 429: ['TOO_MANY_REQUESTS'] })
  info() {
    return this.openData.latestInfo();
  }

  @Public()
  @PublicRateLimit()
  @Get('open-data/360giving.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'The latest 360Giving package of all approved grants (public; the exact bytes its SHA-256 is taken of)' })
  @ApiOkResponse({ description: '360Giving package (JSON)', schema: { type: 'object' } })
  @ApiErrors({ 404: ['OPEN_DATA_NOT_PUBLISHED'], 429: ['TOO_MANY_REQUESTS'] })
  async package() {
    const { body } = await this.openData.latestBody();
    return new StreamableFile(Buffer.from(body, 'utf8'), { type: 'application/json; charset=utf-8', disposition: 'inline; filename="360giving.json"' });
  }

  @Post('open-data/360giving')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Build, validate and publish a new 360Giving package of all approved grants (admin; audited)' })
  @ApiCreatedResponse({ type: OpenDataPackageInfoDto })
  @ApiErrors({ ...AUTH, 403: ['ROLE_NOT_ALLOWED'], 422: ['NO_APPROVED_GRANTS'] })
  regenerate(@CurrentActor() actor: Actor) {
    return this.openData.regenerate(actor);
  }

  private async answer(report: ReportName, q: ReportQueryDto, json: () => Promise<unknown>) {
    const format = q.format ?? 'json';
    if (format === 'json') return json();
    const parts = await this.reports.parts(report, q);
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv') {
      const part = q.part ? parts.find((p) => p.name === q.part) : parts[0];
      if (!part) throw new ValidationError('REPORT_PART_UNKNOWN', `This report has the parts ${parts.map((p) => p.name).join(', ')}.`, { field: 'part' });
      return new StreamableFile(csvStream(part), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${report}-${part.name}-${stamp}.csv"` });
    }
    const out = new PassThrough();
    writeXlsx(parts, out).catch((e) => out.destroy(e));
    return new StreamableFile(out, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${report}-${stamp}.xlsx"`,
    });
  }
}
