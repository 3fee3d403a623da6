/**
 * The board's monthly report (månadsrapport till kommunstyrelsen), for any signed-in user:
 * - `GET /api/board-report/:month` → the compiled report as JSON (`BoardReport`, domain);
 * - `GET /api/board-report/:month/pdf` → A4 PDF printed by Chromium (503 if it is missing;
 *   429 with Retry-After when PDF_QUEUE_MAX PDFs already wait behind the one printing);
 * - `GET /api/board-report/:month/xlsx` → Excel workbook.
 * `month` is `YYYY-MM`; 400 for anything else, 404 when the workspace has no plan for its year.
 * The exports (pdf, xlsx, html) take `?lang=sv|en` (default sv): headings, sheet names, column
 * headers, status words and number/date formats in that language (board/messages.ts); any
 * other value is a 400.
 */
import { type BoardReport, yearMonth } from '@foljsam/domain';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { renderBoardReportHtml } from '../board/boardHtml';
import { ChromiumMissingError, type PdfPrinter, PdfQueueFullError } from '../board/boardPdf';
import { boardReportXlsx } from '../board/boardXlsx';
import { formatMonth } from '../board/format';
import { loadBoardReport, NoPlanError } from '../board/loadBoardReport';
import { BOARD_MESSAGES, type BoardLang, boardLang } from '../board/messages';
import type { Logger } from '../logger';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

const exportQuery = z.object({ lang: boardLang.default('sv') });

/** The file's name: manadsrapport-2015-03.pdf, in English monthly-report-2015-03.pdf. */
const fileName = (month: string, ext: string, lang: BoardLang) =>
  `${lang === 'en' ? 'monthly-report' : 'manadsrapport'}-${month}.${ext}`;

export function boardRoutes(
  sessions: SessionService,
  registry: DocumentRegistry,
  printer: PdfPrinter,
  log: Logger,
) {
  /** The compiled report, or the error response to send instead. */
  async function compiled(c: Context<AuthEnv>): Promise<BoardReport | Response> {
    const month = yearMonth.safeParse(c.req.param('month'));
    if (!month.success) return c.json({ error: 'expected a month as YYYY-MM' }, 400);
    try {
      return await loadBoardReport(registry, month.data);
    } catch (error) {
      if (error instanceof NoPlanError)
        return c.json({ error: `no plan for the year of ${month.data}` }, 404);
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
    .get('/:month', async (c) => {
      const report = await compiled(c);
      return report instanceof Response ? report : c.json(report, 200);
    })
    .get('/:month/xlsx', async (c) => {
      const lang = langOf(c);
      if (lang instanceof Response) return lang;
      const report = await compiled(c);
      if (report instanceof Response) return report;
      const body = await boardReportXlsx(report, lang);
      return c.body(body, 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName(report.month, 'xlsx', lang)}"`,
      });
    })
    .get('/:month/html', async (c) => {
      const lang = langOf(c);
      if (lang instanceof Response) return lang;
      const report = await compiled(c);
      if (report instanceof Response) return report;
      return c.html(renderBoardReportHtml(report, lang));
    })
    .get('/:month/pdf', async (c) => {
      const lang = langOf(c);
      if (lang instanceof Response) return lang;
      const report = await compiled(c);
      if (report instanceof Response) return report;
      const m = BOARD_MESSAGES[lang];
      try {
        const pdf = await printer.print(
          renderBoardReportHtml(report, lang),
          m.footer(report.municipality, formatMonth(report.month, m.intlLocale)),
          m.page,
        );
        return c.body(pdf, 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName(report.month, 'pdf', lang)}"`,
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
