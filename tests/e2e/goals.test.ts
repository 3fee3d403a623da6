/**
 * End to end: the goals screen (/mal) in two browsers at once. Outcomes written into the HR
 * department's report documents by a stock y-websocket client in Node show up in the
 * full-time share indicator's chart: the test reads the RENDERED series out of the Chart.js
 * instance (`Chart.getChart(canvas)`), not just that a canvas exists. A new month's outcome
 * and an initiative's status, written while both pages are open, update both pages live.
 */
import { readReport, reportDocumentName, setIndicatorOutcome, setItemStatus } from '@foljsam/domain';
import { plan2015 } from '@foljsam/domain/seed';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectClient, waitFor } from '../support/yClient';

/** The part of Chart.js the test reads (the client exposes the class as `window.Chart`). */
interface RenderedChart {
  data: { datasets: { label?: string; data: unknown[] }[] };
  scales: Record<string, { ticks: { label?: unknown }[] } | undefined>;
}
declare global {
  interface Window {
    Chart?: { getChart(canvas: HTMLCanvasElement): RenderedChart | undefined };
  }
}

const YEAR = 2015;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);

const fullTime = plan2015.indicators.find(
  (indicator) => indicator.name === 'Andel personal som arbetar heltid',
);
const fullTimeInitiative = plan2015.initiatives.find((initiative) => initiative.goalId === fullTime?.goalId);

const app = appUnderTest();
let adminToken = '';

beforeAll(async () => {
  adminToken = (await signIn(app.server.url, 'admin')).token;
});

/** Writes into a report document from Node and waits until a second client reads it back from the server. */
async function writeReport(
  month: string,
  departmentId: string,
  write: (doc: Y.Doc) => void,
  check: (doc: Y.Doc) => boolean,
): Promise<void> {
  const { server } = app;
  const name = reportDocumentName(month, departmentId);
  const writer = connectClient(server.wsUrl, name, adminToken);
  try {
    await writer.synced;
    write(writer.doc);
    const reader = connectClient(server.wsUrl, name, adminToken);
    try {
      await reader.synced;
      await waitFor(() => check(reader.doc), `${name} holds the write on the server`);
    } finally {
      reader.destroy();
    }
  } finally {
    writer.destroy();
  }
}

/** What the server holds for the indicator, month by month. */
async function serverOutcomes(indicatorId: string, departmentId: string): Promise<(number | null)[]> {
  const { server } = app;
  const values: (number | null)[] = [];
  for (const month of MONTHS) {
    const client = connectClient(server.wsUrl, reportDocumentName(month, departmentId), adminToken);
    try {
      await client.synced;
      values.push(readReport(client.doc, month, departmentId).indicatorOutcomes[indicatorId] ?? null);
    } finally {
      client.destroy();
    }
  }
  return values;
}

/** Signs in through the form on /mal and waits for the goal tree. */
async function openGoals(username: string): Promise<Page> {
  const { page } = await app.signInAt(username, '/mal');
  await page.getByRole('heading', { level: 1, name: `Mål och mått ${YEAR}` }).waitFor();
  await page.locator('[data-goal-id]').first().waitFor();
  return page;
}

interface RenderedDataset {
  label: string;
  data: { x: number; y: number | null }[];
}

/** The datasets the chart of an indicator draws, read from its Chart.js instance. */
async function renderedDatasets(page: Page, indicatorId: string): Promise<RenderedDataset[]> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-indicator-id="${id}"]`);
    const chart = canvas ? window.Chart?.getChart(canvas) : undefined;
    if (!chart) throw new Error(`no chart for ${id}`);
    return chart.data.datasets.map((dataset) => ({
      label: String(dataset.label),
      data: (dataset.data as { x: number; y: number | null }[]).map(({ x, y }) => ({ x, y })),
    }));
  }, indicatorId);
}

/** Waits until the indicator's outcome series holds `value` at `monthIndex`. */
async function waitForOutcome(page: Page, indicatorId: string, monthIndex: number, value: number | null) {
  await page.waitForFunction(
    ([id, index, expected]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-indicator-id="${id}"]`);
      const chart = canvas ? window.Chart?.getChart(canvas) : undefined;
      const point = chart?.data.datasets[2]?.data[index] as { y: number | null } | undefined;
      return point !== undefined && point.y === expected;
    },
    [indicatorId, monthIndex, value] as const,
  );
}

const normalise = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

describe('goals and indicators, live in two browsers', () => {
  it('draws the seed target path and the entered outcomes, and follows new outcomes live', async () => {
    if (!fullTime || !fullTimeInitiative) throw new Error('the seed has no full-time share indicator');
    expect(fullTime.ownerDepartmentId).toBe('hr');
    expect(fullTime.targetPath).toEqual([
      { year: 2015, value: 78 },
      { year: 2018, value: 85 },
    ]);
    const id = fullTime.id;

    // Before anyone opens the page: outcomes for May and June (the demo has January to March).
    await writeReport(
      '2015-05',
      'hr',
      (doc) => setIndicatorOutcome(doc, id, 76.5, asAuthor('admin')),
      (doc) => readReport(doc, '2015-05', 'hr').indicatorOutcomes[id] === 76.5,
    );
    await writeReport(
      '2015-06',
      'hr',
      (doc) => setIndicatorOutcome(doc, id, 77.1, asAuthor('admin')),
      (doc) => readReport(doc, '2015-06', 'hr').indicatorOutcomes[id] === 77.1,
    );
    const expected = await serverOutcomes(id, 'hr');
    expect(expected[4]).toBe(76.5);
    expect(expected[5]).toBe(77.1);
    expect(expected.slice(6)).toEqual([null, null, null, null, null, null]);

    const hr = await openGoals('chef-hr');
    const manager = await openGoals('kommunchef');
    // Presence: each sees the other on the same screen.
    await hr.locator('[data-presence-user="Kommunchef"]').waitFor();
    await manager.locator('[data-presence-user="Avdelningschef HR avdelningen"]').waitFor();

    // The goal tree: every strategic goal of the seed under its focus area, under its perspective.
    for (const page of [hr, manager]) {
      for (const goal of plan2015.goals) {
        const area = plan2015.focusAreas.find((a) => a.id === goal.focusAreaId);
        if (!area) throw new Error(`no focus area for ${goal.id}`);
        const card = page.locator(
          `[data-perspective-id="${area.perspectiveId}"] [data-focus-area-id="${area.id}"] [data-goal-id="${goal.id}"]`,
        );
        expect(await card.count()).toBe(1);
        expect(normalise(await card.locator('h4').textContent())).toBe(`${goal.number} ${goal.title}`);
      }
      expect(await page.locator('[data-goal-id]').count()).toBe(plan2015.goals.length);
    }

    for (const page of [hr, manager]) {
      const canvas = page.locator(`canvas[data-indicator-id="${id}"]`);
      await canvas.scrollIntoViewIfNeeded();
      // Each month is its own document and syncs on its own: wait for both entered months.
      await waitForOutcome(page, id, 4, 76.5);
      await waitForOutcome(page, id, 5, 77.1);
      const datasets = await renderedDatasets(page, id);
      expect(datasets.map((d) => d.label)).toEqual(['Målbana', 'Mål 2015', 'Utfall 2015']);
      const [path, yearTarget, outcomes] = datasets;
      // The target path: the seed's values at each year's December (months from January 2015).
      expect(path?.data).toEqual([
        { x: 11, y: 78 },
        { x: 47, y: 85 },
      ]);
      // The plan year's target over its months.
      expect(yearTarget?.data.map((p) => p.y)).toEqual([78, 78]);
      // One point per month, as the server holds them: the entered values at May and June.
      expect(outcomes?.data.map((p) => p.x)).toEqual(MONTHS.map((_, i) => i));
      expect(outcomes?.data.map((p) => p.y)).toEqual(expected);
      // The axis speaks Swedish: "80 %" with a space.
      const ticks = await page.evaluate((indicatorId) => {
        const element = document.querySelector<HTMLCanvasElement>(
          `canvas[data-indicator-id="${indicatorId}"]`,
        );
        const chart = element ? window.Chart?.getChart(element) : undefined;
        return chart?.scales.y?.ticks.map((tick) => String(tick.label)) ?? [];
      }, id);
      expect(ticks.map(normalise)).toContain('80 %');
      // June's 77,1 % is below the 2015 target of 78 %: in words, not colour alone.
      const status = page.getByTestId(`indicator-status-${id}`);
      expect(normalise(await status.textContent())).toContain('Når inte målet');
      expect(normalise(await status.textContent())).toContain('Utfall 77,1 % i juni 2015, mål 78 %');
      // The text alternative holds the same values.
      const table = page.getByTestId(`indicator-values-${id}`);
      expect(normalise(await table.locator('tr', { hasText: 'juni 2015' }).textContent())).toContain(
        '77,1 %',
      );
    }
    const initiativeCell = (page: Page) => page.getByTestId(`initiative-status-${fullTimeInitiative.id}`);
    expect(normalise(await initiativeCell(hr).textContent())).not.toBe('Klar (juli 2015)');

    // A new month arrives while both pages are open: July reaches the target.
    await writeReport(
      '2015-07',
      'hr',
      (doc) => {
        setIndicatorOutcome(doc, id, 78.6, asAuthor('admin'));
        setItemStatus(doc, `initiative:${fullTimeInitiative.id}`, 'klar', asAuthor('admin'));
      },
      (doc) => readReport(doc, '2015-07', 'hr').indicatorOutcomes[id] === 78.6,
    );
    for (const page of [hr, manager]) {
      await waitForOutcome(page, id, 6, 78.6);
      const outcomes = (await renderedDatasets(page, id))[2]?.data.map((p) => p.y);
      expect(outcomes).toEqual([...expected.slice(0, 6), 78.6, null, null, null, null, null]);
      await page
        .getByTestId(`indicator-status-${id}`)
        .filter({ hasText: 'Når målet' })
        .filter({ hasText: 'juli 2015' })
        .waitFor();
      await initiativeCell(page).filter({ hasText: 'Klar (juli 2015)' }).waitFor();
    }
  });
});
