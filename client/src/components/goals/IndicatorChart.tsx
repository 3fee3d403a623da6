/**
 * One indicator's chart (Chart.js 4): the monthly outcomes of the plan year against the target
 * path. The time axis counts months from January of the plan year, so the path's yearly
 * points (placed at each year's December) and the months share one honest scale.
 *
 * Three datasets, in this order: the target path (the plan's yearly values), the plan year's
 * target (a flat line over its months, `targetForYear`), and the outcomes (one point per month,
 * null where none is reported). A caption and a visually hidden table carry the same values
 * for screen readers. The canvas carries `data-indicator-id`; `Chart.getChart(canvas)` finds
 * the instance (the class is also on `window.Chart`, as the UMD build would put it).
 */
import { type Indicator, officialSeries, targetForYear } from '@foljsam/domain';
import {
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type Scale,
  Tooltip,
} from 'chart.js';
import { createEffect, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { formatInUnit, formatMonth, t } from '../../i18n';
import { drawWhenNear } from './drawWhenNear';
import { formatShortMonth, monthPosition, yearTargetPosition } from './format';
import { useOfficialValues } from './officialValues';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend);

declare global {
  interface Window {
    /** The Chart.js class, so tests and the console can call `Chart.getChart(canvas)`. */
    Chart?: typeof Chart;
  }
}
if (typeof window !== 'undefined') window.Chart ??= Chart;

// Colours with at least 3:1 contrast against white (graphics, WCAG 1.4.11); the lines also
// differ by dash and point shape, so colour is never the only difference.
const TARGET_COLOR = '#5b6470';
const YEAR_TARGET_COLOR = '#8a5a00';
const OUTCOME_COLOR = '#0b4f7c';
const OFFICIAL_COLOR = '#6b2c91';

type Point = { x: number; y: number | null };

export interface IndicatorChartProps {
  indicator: Indicator;
  year: number;
  /** The plan year's months (`YYYY-MM`), January first. */
  months: readonly string[];
  /** The outcome of each month (same order as `months`), null where none is reported. */
  outcomes: readonly (number | null)[];
  /**
   * Draw once near the viewport or in idle time (the goals screen, many charts), instead of at
   * mount (the board report, a document read whole and printed).
   */
  drawWhenNear?: boolean;
}

export function IndicatorChart(props: IndicatorChartProps): JSX.Element {
  let canvas!: HTMLCanvasElement;
  const id = () => props.indicator.id;
  const unit = () => props.indicator.unit;
  const path = () => [...props.indicator.targetPath].sort((a, b) => a.year - b.year);
  const yearTarget = () => targetForYear(props.indicator.targetPath, props.year);
  // Official yearly figures (Kolada), when the indicator has a KPI and some are imported.
  const officialValues = useOfficialValues();
  const official = () =>
    props.indicator.koladaKpiId ? officialSeries(props.indicator, officialValues()) : [];

  const config = (): ChartConfiguration<'line', Point[]> => {
    const messages = t();
    const year = props.year;
    const targetPoints: Point[] = path().map((p) => ({ x: yearTargetPosition(p.year, year), y: p.value }));
    const target = yearTarget();
    const outcomes: Point[] = props.months.map((_, i) => ({
      x: monthPosition(i),
      y: props.outcomes[i] ?? null,
    }));
    const officialPoints: Point[] = official().map((p) => ({
      x: yearTargetPosition(p.year, year),
      y: p.value,
    }));
    const xs = [...targetPoints.map((p) => p.x), ...officialPoints.map((p) => p.x), 0, 11];
    const min = Math.min(...xs);
    const max = Math.max(...xs);
    const longAxis = max - min > 12;
    const monthTicks = props.months.map((_, i) => i).filter((i) => !longAxis || i % 3 === 0);
    const yearTicks = [...new Set([...path().map((p) => p.year), ...official().map((p) => p.year)])]
      .map((y) => yearTargetPosition(y, year))
      .filter((x) => x < 0 || x > 11);
    const tickLabel = (value: number): string => {
      if (value >= 0 && value <= 11) return formatShortMonth(props.months[value] ?? '');
      return String(year + Math.floor(value / 12));
    };
    const format = (value: number) => formatInUnit(value, unit());
    return {
      type: 'line',
      data: {
        datasets: [
          {
            label: messages.goals.chart.targetPath,
            data: targetPoints,
            borderColor: TARGET_COLOR,
            backgroundColor: TARGET_COLOR,
            borderDash: [6, 4],
            pointStyle: 'rectRot',
            pointRadius: 5,
            borderWidth: 2,
          },
          {
            label: messages.goals.chart.yearTarget(year),
            data:
              target === null
                ? []
                : [
                    { x: 0, y: target },
                    { x: 11, y: target },
                  ],
            borderColor: YEAR_TARGET_COLOR,
            backgroundColor: YEAR_TARGET_COLOR,
            borderDash: [2, 3],
            pointRadius: 0,
            pointHitRadius: 6,
            borderWidth: 2,
          },
          {
            label: messages.goals.chart.outcomes(year),
            data: outcomes,
            borderColor: OUTCOME_COLOR,
            backgroundColor: OUTCOME_COLOR,
            pointStyle: 'circle',
            pointRadius: 4,
            borderWidth: 2,
            spanGaps: true,
          },
          // Only when there are official figures: charts without them keep their three datasets.
          ...(officialPoints.length === 0
            ? []
            : [
                {
                  label: messages.board.official.label,
                  data: officialPoints,
                  borderColor: OFFICIAL_COLOR,
                  backgroundColor: OFFICIAL_COLOR,
                  pointStyle: 'triangle' as const,
                  pointRadius: 6,
                  showLine: false,
                },
              ]),
        ],
      },
      options: {
        locale: messages.intlLocale,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: {
            type: 'linear',
            min: min - 0.5,
            max: max + 0.5,
            afterBuildTicks: (scale: Scale) => {
              scale.ticks = [...monthTicks, ...yearTicks].map((value) => ({ value }));
            },
            ticks: {
              autoSkip: false,
              maxRotation: 0,
              callback: (value) => tickLabel(Number(value)),
            },
            grid: { color: '#e3e7ec' },
          },
          y: {
            beginAtZero: true,
            ticks: { callback: (value) => format(Number(value)) },
            grid: { color: '#e3e7ec' },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, color: '#1b1f24' } },
          tooltip: {
            callbacks: {
              title: (items) => {
                const item = items[0];
                if (!item) return '';
                const x = (item.raw as Point).x;
                if (item.datasetIndex === 2) return formatMonth(props.months[x] ?? '');
                if (item.datasetIndex === 3) return messages.board.official.inYear(year + Math.floor(x / 12));
                if (item.datasetIndex === 1) return messages.goals.chart.targetInYear(year);
                return messages.goals.chart.targetInYear(year + Math.floor(x / 12));
              },
              label: (item) => {
                const y = (item.raw as Point).y;
                return `${item.dataset.label ?? ''}: ${y === null ? messages.goals.chart.noOutcome : format(y)}`;
              },
            },
          },
        },
      },
    };
  };

  onMount(() => {
    let chart: Chart<'line', Point[]> | null = null;
    let next: ChartConfiguration<'line', Point[]> | null = null;
    let frame: number | null = null;
    const apply = () => {
      frame = null;
      if (!chart || !next) return;
      chart.data = next.data;
      if (next.options) chart.options = next.options;
      next = null;
      chart.update('none');
    };
    // Every change of outcomes (a remote edit, or one of the twelve months arriving) or of the
    // language redraws the chart in place, at most once a frame: a department's months arrive
    // one by one, and each redraw lays the whole chart out again.
    createEffect((first: boolean) => {
      const current = config();
      if (first || !chart) return false;
      next = current;
      frame ??= requestAnimationFrame(apply);
      return false;
    }, true);
    const draw = () => {
      chart = new Chart(canvas, config());
    };
    const cancel = props.drawWhenNear ? drawWhenNear(canvas, draw) : null;
    if (!cancel) draw();
    onCleanup(() => {
      cancel?.();
      if (frame !== null) cancelAnimationFrame(frame);
      chart?.destroy();
    });
  });

  const tableId = () => `indicator-table-${id()}`;
  return (
    <figure class="indicator-chart">
      <figcaption class="indicator-chart__caption">
        {t().goals.chart.caption(props.indicator.name)}
      </figcaption>
      <div class="indicator-chart__canvas">
        <canvas
          ref={canvas}
          data-indicator-id={id()}
          role="img"
          aria-label={t().goals.chart.canvasLabel(props.indicator.name)}
        />
      </div>
      <div class="visually-hidden" id={tableId()}>
        <table data-testid={`indicator-values-${id()}`}>
          <caption>{t().goals.chart.tableCaption(props.indicator.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{t().goals.chart.month}</th>
              <th scope="col">{t().goals.chart.outcome}</th>
              <th scope="col">{t().goals.chart.target}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.months}>
              {(month, i) => {
                const outcome = () => props.outcomes[i()] ?? null;
                const target = yearTarget();
                return (
                  <tr>
                    <th scope="row">{formatMonth(month)}</th>
                    <td>
                      {outcome() === null
                        ? t().goals.chart.noOutcome
                        : formatInUnit(outcome() as number, unit())}
                    </td>
                    <td>{target === null ? '–' : formatInUnit(target, unit())}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
        <Show when={official().length > 0}>
          <table data-testid={`official-values-${id()}`}>
            <caption>{t().board.official.tableCaption(props.indicator.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{t().goals.chart.year}</th>
                <th scope="col">{t().board.official.label}</th>
              </tr>
            </thead>
            <tbody>
              <For each={official()}>
                {(point) => (
                  <tr>
                    <th scope="row">{point.year}</th>
                    <td>{formatInUnit(point.value, unit())}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
        <Show when={path().length > 0}>
          <table>
            <caption>{t().goals.chart.pathHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{t().goals.chart.year}</th>
                <th scope="col">{t().goals.chart.target}</th>
              </tr>
            </thead>
            <tbody>
              <For each={path()}>
                {(point) => (
                  <tr>
                    <th scope="row">{point.year}</th>
                    <td>{formatInUnit(point.value, unit())}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </div>
    </figure>
  );
}
