/**
 * Official yearly figures from Kolada for the indicators that carry a `koladaKpiId`
 * (kommunchef and admin), stored in the plan document (see domain documents/officialValues.ts):
 *
 * - `POST /api/kolada/import?year=YYYY&municipality=1440` with a saved Kolada API v3 JSON
 *   response as the body → `{ stored, ignored }`: the total (gender "T") values of that
 *   municipality for the plan's KPIs are stored; values of other KPIs or municipalities are
 *   counted as ignored. 400 for a body that is not such a response.
 * - `POST /api/kolada/fetch?year=YYYY&municipality=1440` → the same, fetched from
 *   `KOLADA_BASE_URL` (e.g. https://api.kolada.se) for the years of the indicators' target
 *   paths and the year before, following the answer's pages (`next_page` or `next_url`, on the
 *   same origin, at most {@link MAX_KOLADA_PAGES}); 503 when `KOLADA_BASE_URL` is not set (no
 *   network by default), 502 when Kolada does not answer with such a response.
 *
 * `municipality` defaults to the workspace's Kolada id (`pnpm admin init`; the demo's is 1440),
 * else `KOLADA_MUNICIPALITY`, else 1440 (Ale kommun).
 * Refusals answer `{ error, code }`: `error` in English, `code` stable (forbidden, badRequest,
 * noPlan, tooLarge, notJson, notKoladaResponse, notConfigured, koladaFailed) for the client to
 * say in its language.
 */
import {
  type KoladaResponse,
  koladaNextPage,
  koladaResponse,
  koladaTotals,
  type Plan,
  planDocumentName,
  readPlan,
  setOfficialValue,
} from '@foljsam/domain';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import type { WorkspaceSettingsStore } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { MAX_UPLOAD_BYTES } from '../uploadLimit';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
});

/** The workspace's municipality (`pnpm admin init`, the demo seed), else `KOLADA_MUNICIPALITY`, else Ale's. */
async function defaultMunicipality(workspace: WorkspaceSettingsStore): Promise<string> {
  return (await workspace.get())?.koladaMunicipalityId ?? process.env.KOLADA_MUNICIPALITY ?? '1440';
}

/** Most pages one fetch follows (Kolada pages hold up to 5000 entries; the plan asks for a few). */
export const MAX_KOLADA_PAGES = 20;

type Fetched = { ok: true; body: unknown } | { ok: false; error: string };

/** Fetches `url` and the pages after it, as one answer; the 502's message when Kolada fails. */
async function fetchPages(url: string): Promise<Fetched> {
  const origin = new URL(url).origin;
  const values: KoladaResponse['values'] = [];
  let next: string | null = url;
  for (let page = 0; next; page++) {
    if (page === MAX_KOLADA_PAGES) {
      return { ok: false, error: `Kolada answered more than ${MAX_KOLADA_PAGES} pages` };
    }
    // Kolada gives full URLs; a relative one is read against the first.
    const target = new URL(next, url);
    if (target.origin !== origin) {
      return { ok: false, error: `Kolada's next page is on another site: ${next}` };
    }
    let body: unknown;
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok) return { ok: false, error: `Kolada answered ${response.status}` };
      body = await response.json();
    } catch (error) {
      return { ok: false, error: `Kolada could not be reached: ${(error as Error).message}` };
    }
    const parsed = koladaResponse.safeParse(body);
    // The first page's shape is judged by the caller, as an imported file's is.
    if (!parsed.success) {
      return page === 0
        ? { ok: true, body }
        : { ok: false, error: 'Kolada answered with an unexpected shape' };
    }
    values.push(...parsed.data.values);
    next = koladaNextPage(parsed.data);
  }
  return { ok: true, body: { count: values.length, values } };
}

export function koladaRoutes(
  sessions: SessionService,
  registry: DocumentRegistry,
  workspace: WorkspaceSettingsStore,
) {
  /** Checks role and query and loads the plan; a Response when refused. */
  async function prepare(c: Context<AuthEnv>): Promise<Response | { plan: Plan; municipality: string }> {
    const user = c.get('user');
    if (user.role !== 'kommunchef' && user.role !== 'admin') {
      return c.json(
        { error: 'only the kommunchef and administrators import official figures', code: 'forbidden' },
        403,
      );
    }
    const params = query.safeParse(c.req.query());
    if (!params.success)
      return c.json({ error: 'expected ?year=YYYY (and municipality=NNNN)', code: 'badRequest' }, 400);
    const plan = await registry.use(planDocumentName(params.data.year), (d) => readPlan(d.doc));
    if (!plan) return c.json({ error: `no plan for ${params.data.year}`, code: 'noPlan' }, 404);
    return { plan, municipality: params.data.municipality ?? (await defaultMunicipality(workspace)) };
  }

  /** Stores the plan's KPIs' totals of the municipality; returns what was stored and ignored. */
  async function store(
    c: Context<AuthEnv>,
    plan: Plan,
    municipality: string,
    body: unknown,
    source: string,
  ): Promise<{ stored: number; ignored: number } | z.ZodError> {
    const parsed = koladaResponse.safeParse(body);
    if (!parsed.success) return parsed.error;

    const kpis = new Set(plan.indicators.flatMap((i) => (i.koladaKpiId ? [i.koladaKpiId] : [])));
    const totals = koladaTotals(parsed.data, municipality).filter((t) => kpis.has(t.kpiId));
    const importedAt = new Date().toISOString();
    if (totals.length > 0) {
      await registry.use(planDocumentName(plan.year), (document) =>
        document.change(c.get('user').id, (doc) => {
          doc.transact(() => {
            for (const total of totals) setOfficialValue(doc, { ...total, source, importedAt });
          });
        }),
      );
    }
    return { stored: totals.length, ignored: parsed.data.values.length - totals.length };
  }

  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions))
    .post(
      '/import',
      bodyLimit({
        maxSize: MAX_UPLOAD_BYTES,
        onError: (c) => c.json({ error: 'the file is larger than 5 MB', code: 'tooLarge' }, 413),
      }),
      async (c) => {
        const prepared = await prepare(c);
        if (prepared instanceof Response) return prepared;
        let body: unknown;
        try {
          body = JSON.parse(await c.req.text());
        } catch {
          return c.json({ error: 'the file is not JSON', code: 'notJson' }, 400);
        }
        const result = await store(c, prepared.plan, prepared.municipality, body, 'file');
        if (result instanceof z.ZodError) {
          return c.json(
            {
              error: 'not a Kolada API v3 data response',
              code: 'notKoladaResponse',
              details: z.prettifyError(result),
            },
            400,
          );
        }
        return c.json(result, 200);
      },
    )
    .post('/fetch', async (c) => {
      const base = process.env.KOLADA_BASE_URL;
      if (!base)
        return c.json(
          { error: 'fetching from Kolada is not configured (KOLADA_BASE_URL)', code: 'notConfigured' },
          503,
        );
      const prepared = await prepare(c);
      if (prepared instanceof Response) return prepared;
      const { plan, municipality } = prepared;
      const kpis = [...new Set(plan.indicators.flatMap((i) => (i.koladaKpiId ? [i.koladaKpiId] : [])))];
      if (kpis.length === 0) return c.json({ stored: 0, ignored: 0 }, 200);
      const pathYears = plan.indicators
        .filter((i) => i.koladaKpiId)
        .flatMap((i) => i.targetPath.map((p) => p.year));
      const first = Math.min(plan.year, ...pathYears) - 1;
      const last = Math.max(plan.year, ...pathYears);
      const years = Array.from({ length: last - first + 1 }, (_, i) => first + i).join(',');
      const url = `${base.replace(/\/$/, '')}/v3/data/kpi/${kpis.join(',')}/municipality/${municipality}/year/${years}`;
      const fetched = await fetchPages(url);
      if (!fetched.ok) return c.json({ error: fetched.error, code: 'koladaFailed' }, 502);
      const result = await store(c, plan, municipality, fetched.body, url);
      if (result instanceof z.ZodError)
        return c.json({ error: 'Kolada answered with an unexpected shape', code: 'koladaFailed' }, 502);
      return c.json(result, 200);
    });
}
