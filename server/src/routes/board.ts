/**
 * The board's report (rapport till kommunstyrelsen) of a reporting period, for any signed-in user:
 * - `GET /api/board-report/:period` → the compiled report as JSON (`BoardReport`, domain);
 * - `GET /api/board-report/:period/pdf` → A4 PDF printed by Chromium (503 if it is missing;
 *   429 with Retry-After when PDF_QUEUE_MAX PDFs already wait behind the one printing);
 * - `GET /api/board-report/:period/xlsx` → Excel workbook.
 * `period` is a month `YYYY-MM` (månadsrapport), `YYYY-T1` (tertialrapport), `YYYY-T2`
 * (delårsrapport) or `YYYY-VB` (verksamhetsberättelse); 400 for anything else, 404 when the
 * workspace has no plan for its year.
 * The exports (pdf, xlsx, html) take `?lang=sv|en` (default sv): headings, sheet names, column
 * headers, status words and number/date formats in that language (board/messages.ts); any
 * other value is a 400.
 */
import { type BoardReport, reportPeriodId } from '@foljsam/domain';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { renderBoardReportHtml } from '../board/boardHtml';
import { ChromiumMissingError, type PdfPrinter, PdfQueueFullError } from '../board/boardPdf';
import { boardReportXlsx } from '../board/boardXlsx';
import { formatPeriod, periodPart } from '../board/format';
import { loadBoardReport, NoPlanError } from '../board/loadBoardReport';
import { BOARD_MESSAGES, type BoardLang, boardLang } from '../board/messages';
import type { Logger } from '../logger';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

const exportQuery = z.object({ lang: boardLang.default('sv') });

/** The file's name: manadsrapport-2015-03.pdf, tertialrapport-2015-T1.pdf; in English monthly-report-2015-03.pdf. */
const fileName = (period: string, ext: string, lang: BoardLang) =>
  `${BOARD_MESSAGES[lang].fileStem[periodPart(period)]}-${period}.${ext}`;

export function boardRoutes(
  sessions: SessionService,
  registry: DocumentRegistry,
  printer: PdfPrinter,
  log: Logger,
) {
  /** The compiled report, or the error response to send instead. */
  async function compiled(c: Context<AuthEnv>): Promise<BoardReport | Response> {
    const period = reportPeriodId.safeParse(c.req.param('period'));
    if (!period.success)
      return c.json({ error: 'expected a period as YYYY-MM, YYYY-T1, YYYY-T2 or YYYY-VB' }, 400);
    try {
      return await loadBoardReport(registry, period.data);
    } catch (error) {
      if (error instanceof NoPlanError)
        return c.json({ error: `no plan for the year of ${period.data}` }, 404);
      throw error;
    }
  }
  /** The export's language from `?lang=`, or the 400 to send instead. */
  function langOf(c: Context<AuthEnv>): BoardLang | Response {
    const query = exportQuery.safeParse(c.req.query());
    if (!query.success) {
      return c.json({ error: 'lang is "sv" or "en"', details: z.prettifyError(query.error) }, 400);
    }
    return query.data.lang;
  }

  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions))
    .get('/:period', async (c) => {
      const report = await compiled(c);
      return report instanceof Response ? report : c.json(report, 200);
    })
    .get('/:period/xlsx', async (c) => {
      const lang = langOf(c);
      if (lang instanceof Response) return lang;
      const report = await compiled(c);
      if (report instanceof Response) return report;
      const body = await boardReportXlsx(report, lang);
      return c.body(body, 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName(report.period, 'xlsx', lang)}"`,
      });
    })
    .get('/:period/html', async (c) => {
      const lang = langOf(c);
      if (lang instanceof Response) return lang;
      const report = await compiled(c);
      if (report instanceof Response) return report;
      return c.html(renderBoardReportHtml(report, lang));
    })
    .get('/:period/pdf', async (c) => {
      const lang = langOf(c);
      if (lang instanceof Response) return lang;
      const report = await compiled(c);
      if (report instanceof Response) return report;
      const m = BOARD_MESSAGES[lang];
      try {
        const pdf = await printer.print(
          renderBoardReportHtml(report, lang),
          m.footer(
            report.municipality,
            formatPeriod(report.period, m.intlLocale),
            m.reportName[periodPart(report.period)],
          ),
          m.page,
        );
        return c.body(pdf, 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName(report.period, 'pdf', lang)}"`,
        });
      } catch (error) {
        if (error instanceof PdfQueueFullError) {
          return c.json({ error: error.message, retryAfterSeconds: error.retryAfterSeconds }, 429, {
            'Retry-After': String(error.retryAfterSeconds),
          });
        }
        if (error instanceof ChromiumMissingError) {
          log.warn({ err: error }, 'PDF requested but Chromium is missing');
          return c.json(
            { error: `PDF export needs Chromium on the server: ${error.message} (see docs/deploy.md)` },
            503,
          );
        }
        throw error;
      }
    });
}
