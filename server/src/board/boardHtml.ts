/**
 * The board's report as a print-styled A4 HTML page, rendered on the server: Chromium prints it
 * to PDF (boardPdf.ts). Every interpolation goes through hono/html, which escapes it. The
 * indicator charts are drawn by Chart.js in the page (the UMD build, inlined, so the page needs
 * no network); the page marks `<body data-ready="1">` once they are drawn.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type BoardIndicator,
  type BoardReport,
  type BoardTexts,
  GOAL_STATUS_LABELS,
  PROGRESS_STATUS_LABELS,
  type StatusLabel,
} from '@foljsam/domain';
import { html, raw } from 'hono/html';
import {
  formatDate,
  formatIndicator,
  formatNumber,
  formatPeriod,
  formatShortMonth,
  periodPart,
} from './format';
import { BOARD_MESSAGES, type BoardLang, type BoardMessages, statusLabel } from './messages';

let chartJsSource: string | undefined;
/** Chart.js' UMD build, read once. */
function chartJs(): string {
  if (chartJsSource === undefined) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    chartJsSource = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
  }
  return chartJsSource;
}

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const status = (label: StatusLabel, kind: string) =>
  html`<span class="status status--${kind}"><span aria-hidden="true">${label.symbol}</span> ${label.text}</span>`;

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; color: #1b1f24; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 0.4mm solid #0b4f7c; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 0 0 1.5mm; }
.lead { color: #444; margin-bottom: 4mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
th, td { border: 0.2mm solid #c5ccd3; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.goal { break-inside: avoid; }
.status { white-space: nowrap; font-weight: 600; }
.status--gron { color: #1d6b2f; } .status--gul { color: #7a5600; } .status--rod { color: #a4161a; }
.status--none { color: #555; }
.overdue td { font-weight: 600; background: #fdecea; }
.analysis { margin: 0 0 1.5mm 3mm; }
.analysis strong { font-weight: 600; }
.chart { width: 170mm; height: 52mm; break-inside: avoid; margin: 1mm 0 3mm; }
.path { color: #444; font-size: 8.5pt; }
.negative { color: #a4161a; }
.summary { border: 0.3mm solid #0b4f7c; padding: 2mm 3mm; margin: 2mm 0 4mm; }
.texts { margin: 0 0 2mm 3mm; }
.texts p { margin: 0 0 1mm; }
.label { font-weight: 600; }
.board-status { display: block; color: #555; font-size: 8.5pt; }
.total-missing { color: #7a5600; }
`;

/** A department's analysis and actions on an item, each under its label; nothing when there are none. */
function textsBlock(texts: BoardTexts | null, m: BoardMessages, withDepartment = true) {
  if (!texts) return '';
  const who = withDepartment ? html`<strong>${texts.departmentName}</strong>: ` : '';
  return html`<div class="texts">
    ${texts.analysis ? html`<p>${who}${texts.analysis}</p>` : ''}
    ${texts.actions ? html`<p>${texts.analysis ? '' : who}<span class="label">${m.actions}:</span> ${texts.actions}</p>` : ''}
  </div>`;
}

function indicatorBlock(indicator: BoardIndicator, year: number, m: BoardMessages) {
  const path = indicator.targetPath
    .map((p) => `${p.year}: ${formatIndicator(p.value, indicator.unit, m)}`)
    .join(', ');
  const meets =
    indicator.meetsTarget === null ? m.none : indicator.meetsTarget ? m.indicator.meets : m.indicator.misses;
  const label = statusLabel(indicator.label, m.goalStatus[indicator.status ?? 'none']);
  return html`<table>
      <thead><tr><th>${m.indicator.name}</th><th>${m.indicator.unit}</th><th class="num">${m.indicator.outcome}</th><th class="num">${m.indicator.target(year)}</th><th>${m.indicator.assessment}</th><th>${m.indicator.status}</th></tr></thead>
      <tbody><tr>
        <td>${indicator.name}</td>
        <td>${m.units[indicator.unit]}</td>
        <td class="num">${formatIndicator(indicator.outcome, indicator.unit, m)}</td>
        <td class="num">${formatIndicator(indicator.yearTarget, indicator.unit, m)}</td>
        <td>${meets}</td>
        <td>${status(label, indicator.status ?? 'none')}</td>
      </tr></tbody>
    </table>
    <p class="path">${m.indicator.path}: ${path}</p>
    ${textsBlock(indicator.texts, m)}
    <div class="chart"><canvas data-indicator-id="${indicator.id}" role="img" aria-label="${m.indicator.chart(indicator.name)}"></canvas></div>`;
}

/** The page's title (and the PDF's first heading) in `lang`. */
export const boardReportTitle = (report: BoardReport, lang: BoardLang): string => {
  const m = BOARD_MESSAGES[lang];
  return m.title(
    report.board,
    formatPeriod(report.period, m.intlLocale),
    m.reportName[periodPart(report.period)],
  );
};

/** The whole report page, in `lang` (Swedish unless asked). */
export function renderBoardReportHtml(report: BoardReport, lang: BoardLang = 'sv'): string {
  const m = BOARD_MESSAGES[lang];
  const locale = m.intlLocale;
  // The budget table's headings carry the unit ("Budget (tkr)"), so its figures do not: with it,
  // the English "SEK thousand" in every cell made the table wider than A4 and the print shrank.
  const tkr = (value: number | null) => (value === null ? '–' : formatNumber(value, locale));
  const title = boardReportTitle(report, lang);
  const indicators = report.perspectives.flatMap((p) => p.goals.flatMap((g) => g.indicators));
  const chartData = indicators.map((i) => ({
    id: i.id,
    labels: Array.from({ length: 12 }, (_, month) =>
      formatShortMonth(`${report.year}-${String(month + 1).padStart(2, '0')}`, locale),
    ),
    outcomes: Array.from({ length: 12 }, (_, month) => i.series[month]?.value ?? null),
    target: i.yearTarget,
    unit: i.unit,
  }));
  const total = report.budget.total;
  const page = html`<!doctype html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p class="lead">${m.lead(report.municipality, report.planTitle, formatDate(report.asOf, locale))}</p>

<h2>${m.summary.heading}</h2>
<section class="summary" data-testid="board-summary">${
    report.summary
      ? report.summary
          .split('\n')
          .filter((line) => line.trim())
          .map((line) => html`<p>${line}</p>`)
      : html`<p>${m.summary.empty}</p>`
  }</section>

<h2>${m.departments.heading}</h2>
<table>
  <thead><tr><th>${m.departments.department}</th><th>${m.departments.status}</th></tr></thead>
  <tbody>${report.departments.map(
    (d) =>
      html`<tr><td>${d.departmentNumber} ${d.departmentName}</td><td>${status(statusLabel(d.label, m.reportState[d.state]), d.state)}</td></tr>`,
  )}</tbody>
</table>

${report.perspectives.map(
  (perspective) => html`<section>
  <h2>${m.perspective(perspective.name)}</h2>
  ${perspective.goals.map(
    (goal) => html`<div class="goal">
    <h3>${goal.number} ${goal.title} — ${status(statusLabel(goal.label, m.goalStatus[goal.status ?? 'none']), goal.status ?? 'none')}</h3>
    <p class="path">${m.focusArea(goal.focusAreaNumber, goal.focusAreaName)}</p>
    ${
      goal.analyses.length === 0
        ? html`<p class="analysis">${m.noAnalysis}</p>`
        : goal.analyses.map(
            (a) =>
              html`<p class="analysis"><strong>${a.departmentName}</strong>${a.status ? html` (${status(statusLabel(GOAL_STATUS_LABELS[a.status], m.goalStatus[a.status]), a.status)})` : ''}: ${a.analysis || m.none}</p>${
                a.actions
                  ? html`<p class="analysis"><span class="label">${m.actions}:</span> ${a.actions}</p>`
                  : ''
              }`,
          )
    }
    </div>
    ${
      goal.initiatives.length === 0
        ? ''
        : html`<table>
      <thead><tr><th>${m.initiatives.initiative}</th><th>${m.initiatives.department}</th><th>${m.initiatives.status}</th></tr></thead>
      <tbody>${goal.initiatives.map(
        (
          i,
        ) => html`<tr><td>${i.number} ${i.title}${textsBlock(i.texts, m, false)}</td><td>${i.ownerDepartmentName}</td>
          <td>${status(statusLabel(i.status ? PROGRESS_STATUS_LABELS[i.status] : i.label, i.status ? m.progressStatus[i.status] : m.goalStatus.none), i.status ?? 'none')}</td></tr>`,
      )}</tbody>
    </table>`
    }
    ${goal.indicators.map((indicator) => indicatorBlock(indicator, report.year, m))}`,
  )}
</section>`,
)}

<h2>${m.assignments.heading}</h2>
<table>
  <thead><tr><th>${m.assignments.title}</th><th>${m.assignments.department}</th><th>${m.assignments.endDate}</th><th>${m.assignments.status}</th><th>${m.assignments.due}</th><th>${m.assignments.texts}</th></tr></thead>
  <tbody>${report.assignments.map(
    (a) => html`<tr class="${a.overdue ? 'overdue' : ''}" data-assignment-id="${a.id}">
      <td>${a.title}</td><td>${a.departmentName || m.none}</td><td>${formatDate(a.endDate, locale)}</td>
      <td>${status(statusLabel(a.statusLabel, m.progressStatus[a.status]), a.status)}${
        a.statusSource === 'board' ? html`<span class="board-status">(${m.assignments.fromBoard})</span>` : ''
      }${
        a.statusDiffers
          ? html`<span class="board-status">${m.assignments.boardStatus(m.progressStatus[a.boardStatus])}</span>`
          : ''
      }</td>
      <td>${status(
        a.overdue
          ? { symbol: a.dueLabel.symbol, text: m.assignments.overdueAsOf(formatDate(report.asOf, locale)) }
          : statusLabel(a.dueLabel, m.dueState[a.dueState]),
        a.dueState,
      )}</td>
      <td>${textsBlock(a.texts, m, false)}</td></tr>`,
  )}</tbody>
</table>

<h2>${m.budget.heading}</h2>
<table>
  <thead><tr><th>${m.budget.department}</th><th class="num">${m.budget.budget}</th><th class="num">${m.budget.outcome}</th><th class="num">${m.budget.forecast}</th><th class="num">${m.budget.deviation}</th><th>${m.budget.report}</th></tr></thead>
  <tbody>${report.budget.rows.map(
    (r) => html`<tr>
      <td>${r.departmentNumber} ${r.departmentName}</td>
      <td class="num">${tkr(r.budgetTkr)}</td>
      <td class="num">${tkr(r.outcomeToDateTkr)}</td>
      <td class="num">${tkr(r.forecastTkr)}</td>
      <td class="num${r.deviationTkr !== null && r.deviationTkr < 0 ? ' negative' : ''}">${tkr(r.deviationTkr)}</td>
      <td>${r.approved ? m.budget.approved : m.budget.missing}</td></tr>`,
  )}
  <tr data-testid="budget-total"><th>${m.budget.totalOf(total.includedCount, report.budget.rows.length)}</th><th class="num">${tkr(total.budgetTkr)}</th><th class="num">${tkr(total.outcomeToDateTkr)}</th>
  <th class="num">${tkr(total.forecastTkr)}</th><th class="num">${tkr(total.deviationTkr)}</th><th></th></tr>
  </tbody>
</table>
${
  total.missingDepartmentNames.length > 0
    ? html`<p class="total-missing" data-testid="budget-total-missing">${m.budget.missingFromTotal(total.missingDepartmentNames.join(', '))}</p>`
    : ''
}
<p class="path">${m.budget.note}</p>
${(() => {
  const comments = report.budget.rows.flatMap((r) => (r.comment ? [r.comment] : []));
  return comments.length === 0
    ? ''
    : html`<h3>${m.budget.comments}</h3>${comments.map((c) => textsBlock(c, m))}`;
})()}

<h2>${m.missing.heading}</h2>
${
  report.missing.length === 0
    ? html`<p>${m.missing.none}</p>`
    : html`<p>${m.missing.intro}</p>
<ul>${report.missing.map((d) => html`<li>${d.departmentNumber} ${d.departmentName}: ${status(statusLabel(d.label, m.reportState[d.state]), d.state)}</li>`)}</ul>`
}
</main>
<script>${raw(chartJs())}</script>
<script>
(function () {
  var data = ${raw(scriptJson(chartData))};
  var number = new Intl.NumberFormat(${raw(scriptJson(locale))}, { maximumFractionDigits: 1 });
  var labels = ${raw(scriptJson({ outcomes: m.indicator.chartOutcomes, target: m.indicator.chartTarget }))};
  data.forEach(function (d) {
    var canvas = document.querySelector('canvas[data-indicator-id="' + d.id + '"]');
    if (!canvas) return;
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: d.labels,
        datasets: [
          { label: labels.outcomes, data: d.outcomes, borderColor: '#0b4f7c', backgroundColor: '#0b4f7c', pointStyle: 'circle', pointRadius: 3, spanGaps: true },
          { label: labels.target, data: d.labels.map(function () { return d.target; }), borderColor: '#8a5a00', borderDash: [4, 3], pointRadius: 0 }
        ]
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, devicePixelRatio: 2,
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } } },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } }
      }
    });
  });
  document.body.setAttribute('data-ready', '1');
})();
</script>
</body>
</html>`;
  return String(page);
}
