/**
 * Official yearly figures (officiella årsvärden) from Kolada, kept in the `plan:<year>` document
 * beside the indicators they belong to, so every client that shows the plan has them live and
 * their history is the document's history. See docs/documents.md.
 *
 * - root `Y.Map` "officialValues": `<kpiId>:<municipality>:<year>` → {@link OfficialValue}.
 *   Written only by the server (the Kolada import), on behalf of the importing user.
 *
 * Kolada's API v3 answers `GET /v3/data/kpi/<kpi>/municipality/<m>/year/<years>` with
 * `{ values: [{ kpi, municipality, period, values: [{ count, gender, status, value }] }], count,
 * next_page? }`; {@link koladaResponse} accepts that shape (extra fields are ignored) and the
 * total (gender "T") is what is kept. The format as documented by Kolada (github.com/Hypergene/
 * kolada, README.rst, linked from kolada.se/om-oss/api): `period` may come as a string, `value`
 * is null when the figure is missing (`status` says why), and an answer holds at most 5000
 * entries, the next page's URL in `next_page`; clients of v3 also read it as `next_url`, so both
 * are accepted (see tests/fixtures/README.md).
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import type { Indicator } from '../model';
import { parseOrThrow } from './errors';

/** Root map of the plan holding the Kolada figures: written only by the server's import. */
export const OFFICIAL_VALUES_ROOT = 'officialValues';
const OFFICIAL_VALUES = OFFICIAL_VALUES_ROOT;

export const officialValue = z.object({
  kpiId: z.string().min(1).max(32),
  /** Kolada's municipality code, e.g. "1440" for Ale. */
  municipality: z.string().min(1).max(16),
  year: z.number().int().min(1900).max(2100),
  value: z.number().finite(),
  /** Where it came from: "file" or the URL it was fetched from. */
  source: z.string().max(500),
  importedAt: z.string(),
});
export type OfficialValue = z.infer<typeof officialValue>;

/** A page link of a Kolada answer: a URL, or null/absent on the last page. */
const koladaPageUrl = z.string().nullable().optional();

/** A Kolada API v3 data response (the parts we read). */
export const koladaResponse = z.object({
  /** How many entries this page holds. */
  count: z.number().int().nonnegative().optional(),
  next_page: koladaPageUrl,
  previous_page: koladaPageUrl,
  next_url: koladaPageUrl,
  previous_url: koladaPageUrl,
  values: z.array(
    z.object({
      kpi: z.string().min(1),
      municipality: z.string().min(1),
      period: z.union([z.number().int(), z.string().regex(/^\d{4}$/)]).transform(Number),
      values: z.array(
        z.object({
          gender: z.string(),
          /** Null (or absent) when Kolada has no figure; `status` then says why. */
          value: z
            .number()
            .finite()
            .nullable()
            .optional()
            .transform((v) => v ?? null),
          status: z.string().nullable().optional(),
          count: z.number().optional(),
        }),
      ),
    }),
  ),
});
export type KoladaResponse = z.infer<typeof koladaResponse>;

/** The URL of the answer's next page, or null on the last page (`next_page`, or `next_url`). */
export const koladaNextPage = (response: KoladaResponse): string | null =>
  response.next_page || response.next_url || null;

/** The total (gender "T") yearly values of a response for one municipality. */
export function koladaTotals(
  response: KoladaResponse,
  municipality: string,
): { kpiId: string; municipality: string; year: number; value: number }[] {
  return response.values.flatMap((entry) => {
    if (entry.municipality !== municipality) return [];
    const total = entry.values.find((v) => v.gender === 'T');
    return total && total.value !== null
      ? [{ kpiId: entry.kpi, municipality, year: entry.period, value: total.value }]
      : [];
  });
}

/** Stores (or replaces) an official value. */
export function setOfficialValue(doc: Y.Doc, value: OfficialValue): void {
  const valid = parseOrThrow(officialValue, value);
  doc.getMap<OfficialValue>(OFFICIAL_VALUES).set(`${valid.kpiId}:${valid.municipality}:${valid.year}`, valid);
}

/** Every stored official value; invalid entries are left out. */
export function readOfficialValues(doc: Y.Doc): OfficialValue[] {
  const values: OfficialValue[] = [];
  for (const entry of doc.getMap<unknown>(OFFICIAL_VALUES).values()) {
    const parsed = officialValue.safeParse(entry);
    if (parsed.success) values.push(parsed.data);
  }
  return values.sort((a, b) => a.kpiId.localeCompare(b.kpiId) || a.year - b.year);
}

/**
 * The official yearly figures of an indicator in its own unit, by year: the KPI's value, or its
 * change in percent from the year before (see `koladaMeasure`), which needs both years.
 */
export function officialSeries(
  indicator: Pick<Indicator, 'koladaKpiId' | 'koladaMeasure'>,
  values: readonly OfficialValue[],
  municipality?: string,
): { year: number; value: number }[] {
  const own = values
    .filter((v) => v.kpiId === indicator.koladaKpiId && (!municipality || v.municipality === municipality))
    .sort((a, b) => a.year - b.year);
  if (indicator.koladaMeasure !== 'change-percent') return own.map(({ year, value }) => ({ year, value }));
  const byYear = new Map(own.map((v) => [v.year, v.value]));
  return own.flatMap(({ year, value }) => {
    const before = byYear.get(year - 1);
    return before ? [{ year, value: Math.round(((value - before) / before) * 1000) / 10 }] : [];
  });
}
