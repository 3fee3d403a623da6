/**
 * The Kolada answer parser against the saved fixture (tests/fixtures, see its README) and
 * against the variants Kolada documents: `period` as a string, a missing figure (`value: null`
 * with a `status`), and the next page as `next_page` or `next_url`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { koladaNextPage, koladaResponse, koladaTotals } from './officialValues';

const FIXTURE: unknown = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/kolada-v3-N01951-1440.json', import.meta.url), 'utf8'),
);

describe('koladaResponse', () => {
  it('reads the saved answer: the totals of one municipality, by year', () => {
    const response = koladaResponse.parse(FIXTURE);
    expect(response.count).toBe(5);
    expect(koladaNextPage(response)).toBeNull();
    expect(koladaTotals(response, '1440')).toEqual([
      { kpiId: 'N01951', municipality: '1440', year: 2013, value: 27626 },
      { kpiId: 'N01951', municipality: '1440', year: 2014, value: 27932 },
      { kpiId: 'N01951', municipality: '1440', year: 2015, value: 28402 },
      { kpiId: 'N01951', municipality: '1440', year: 2016, value: 29059 },
    ]);
    expect(koladaTotals(response, '1401')).toEqual([
      { kpiId: 'N01951', municipality: '1401', year: 2015, value: 37010 },
    ]);
  });

  it('reads the documented variants: string periods, missing figures, either next-page name', () => {
    const page = {
      count: 3,
      next_page: 'https://api.kolada.se/v3/data/kpi/N01951/municipality/1440?page=2&per_page=3',
      previous_page: null,
      values: [
        {
          kpi: 'N01951',
          municipality: '1440',
          period: '2014',
          values: [{ count: 1, gender: 'T', status: '', value: 27932.0 }],
        },
        {
          kpi: 'N01951',
          municipality: '1440',
          period: 2015,
          values: [{ count: 1, gender: 'T', status: 'Missing', value: null }],
        },
        { kpi: 'N01951', municipality: '1440', period: 2016, values: [{ gender: 'T', status: 'Missing' }] },
      ],
    };
    const response = koladaResponse.parse(page);
    expect(koladaTotals(response, '1440')).toEqual([
      { kpiId: 'N01951', municipality: '1440', year: 2014, value: 27932 },
    ]);
    expect(koladaNextPage(response)).toBe(page.next_page);
    const v3 = koladaResponse.parse({ ...page, next_page: undefined, next_url: 'https://x/v3/p2' });
    expect(koladaNextPage(v3)).toBe('https://x/v3/p2');
  });

  it('refuses what is not a data answer', () => {
    expect(koladaResponse.safeParse({ values: [{ kpi: 'N01951' }] }).success).toBe(false);
    expect(koladaResponse.safeParse({ values: [{ id: 'N01951', title: 'Invånare totalt' }] }).success).toBe(
      false,
    );
    expect(
      koladaResponse.safeParse({
        values: [{ kpi: 'N01951', municipality: '1440', period: '15', values: [] }],
      }).success,
    ).toBe(false);
  });
});
