/**
 * The board's report as a print-styled A4 HTML page, rendered on the server: Chromium prints it
 * to PDF (boardPdf.ts). Every interpolation goes through hono/html, which escapes it. The
 * indicator charts are drawn by Chart.js in the page (the UMD build, inlined, so the page needs
 * no network); the page marks `<body data-ready="1">` once they are drawn.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type BoardIndicator, type BoardReport, GOAL_STATUS_LABELS, type StatusLabel } from '@foljsam/domain';
import { html, raw } from 'hono/html';
import { formatIndicator, formatMonthSv, formatShortMonthSv, formatTkr } from './format';

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
`;

function indicatorBlock(indicator: BoardIndicator, year: number) {
  const path = indicator.targetPath
    .map((p) => `${p.year}: ${formatIndicator(p.value, indicator.unit)}`)
    .join(', ');
  const meets =
    indicator.meetsTarget === null ? '–' : indicator.meetsTarget ? '✔ Når årets mål' : '✖ Når inte årets mål';
  return html`<table>
      <thead><tr><th>Mått</th><th class="num">Utfall</th><th class="num">Mål ${year}</th><th>Bedömning</th><th>Status</th></tr></thead>
      <tbody><tr>
        <td>${indicator.name}</td>
        <td class="num">${formatIndicator(indicator.outcome, indicator.unit)}</td>
        <td class="num">${formatIndicator(indicator.yearTarget, indicator.unit)}</td>
        <td>${meets}</td>
        <td>${status(indicator.label, indicator.status ?? 'none')}</td>
      </tr></tbody>
    </table>
    <p class="path">Målbana: ${path}</p>
    <div class="chart"><canvas data-indicator-id="${indicator.id}" role="img" aria-label="${`Diagram: ${indicator.name}`}"></canvas></div>`;
}

/** The whole report page. */
export function renderBoardReportHtml(report: BoardReport): string {
  const indicators = report.perspectives.flatMap((p) => p.goals.flatMap((g) => g.indicators));
  const chartData = indicators.map((i) => ({
    id: i.id,
    labels: Array.from({ length: 12 }, (_, m) =>
      formatShortMonthSv(`${report.year}-${String(m + 1).padStart(2, '0')}`),
    ),
    outcomes: Array.from({ length: 12 }, (_, m) => i.series[m]?.value ?? null),
    target: i.yearTarget,
    unit: i.unit,
  }));
  const total = report.budget.total;
  const page = html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Månadsrapport till ${report.board.toLowerCase()} – ${formatMonthSv(report.month)}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>Månadsrapport till ${report.board.toLowerCase()} – ${formatMonthSv(report.month)}</h1>
<p class="lead">${report.municipality} · ${report.planTitle}. Sammanställd ur de godkända avdelningsrapporterna. Uppdragens läge bedömt per ${report.asOf}.</p>

<h2>Avdelningarnas rapporter</h2>
<table>
  <thead><tr><th>Avdelning</th><th>Status</th></tr></thead>
  <tbody>${report.departments.map(
    (d) =>
      html`<tr><td>${d.departmentNumber} ${d.departmentName}</td><td>${status(d.label, d.state)}</td></tr>`,
  )}</tbody>
</table>

${report.perspectives.map(
  (perspective) => html`<section>
  <h2>Perspektiv: ${perspective.name}</h2>
  ${perspective.goals.map(
    (goal) => html`<div class="goal">
    <h3>${goal.number} ${goal.title} — ${status(goal.label, goal.status ?? 'none')}</h3>
    <p class="path">Fokusområde ${goal.focusAreaNumber} ${goal.focusAreaName}</p>
    ${
      goal.analyses.length === 0
        ? html`<p class="analysis">Ingen godkänd analys denna månad.</p>`
        : goal.analyses.map(
            (a) =>
              html`<p class="analysis"><strong>${a.departmentName}</strong>${a.status ? html` (${status(GOAL_STATUS_LABELS[a.status], a.status)})` : ''}: ${a.text || '–'}</p>`,
          )
    }
    </div>
    ${goal.indicators.map((indicator) => indicatorBlock(indicator, report.year))}`,
  )}
</section>`,
)}

<h2>Uppdrag från fullmäktige</h2>
<table>
  <thead><tr><th>Uppdrag</th><th>Ansvarig avdelning</th><th>Slutdatum</th><th>Status</th><th>Tidsläge</th></tr></thead>
  <tbody>${report.assignments.map(
    (a) => html`<tr class="${a.overdue ? 'overdue' : ''}">
      <td>${a.title}</td><td>${a.departmentName || '–'}</td><td>${a.endDate}</td>
      <td>${status(a.statusLabel, a.status)}</td><td>${status(a.dueLabel, a.dueState)}</td></tr>`,
  )}</tbody>
</table>

<h2>Budget och prognos per avdelning (tkr)</h2>
<table>
  <thead><tr><th>Avdelning</th><th class="num">Budget</th><th class="num">Utfall hittills</th><th class="num">Helårsprognos</th><th class="num">Avvikelse</th><th>Rapport</th></tr></thead>
  <tbody>${report.budget.rows.map(
    (r) => html`<tr>
      <td>${r.departmentNumber} ${r.departmentName}</td>
      <td class="num">${formatTkr(r.budgetTkr)}</td>
      <td class="num">${formatTkr(r.outcomeToDateTkr)}</td>
      <td class="num">${formatTkr(r.forecastTkr)}</td>
      <td class="num${r.deviationTkr !== null && r.deviationTkr < 0 ? ' negative' : ''}">${formatTkr(r.deviationTkr)}</td>
      <td>${r.approved ? '✔ Godkänd' : '○ Saknas'}</td></tr>`,
  )}
  <tr><th>Summa</th><th class="num">${formatTkr(total.budgetTkr)}</th><th class="num">${formatTkr(total.outcomeToDateTkr)}</th>
  <th class="num">${formatTkr(total.forecastTkr)}</th><th class="num">${formatTkr(total.deviationTkr)}</th><th></th></tr>
  </tbody>
</table>
<p class="path">Utfall, prognos och avvikelse summeras över de godkända rapporterna; avvikelse = budget − prognos (negativ är underskott).</p>

<h2>Saknas</h2>
${
  report.missing.length === 0
    ? html`<p>Alla avdelningars rapporter för månaden är godkända.</p>`
    : html`<p>Rapporterna från dessa avdelningar är ännu inte godkända och ingår inte i sammanställningen:</p>
<ul>${report.missing.map((d) => html`<li>${d.departmentNumber} ${d.departmentName}: ${status(d.label, d.state)}</li>`)}</ul>`
}
</main>
<script>${raw(chartJs())}</script>
<script>
(function () {
  var data = ${raw(scriptJson(chartData))};
  var number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
  data.forEach(function (d) {
    var canvas = document.querySelector('canvas[data-indicator-id="' + d.id + '"]');
    if (!canvas) return;
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: d.labels,
        datasets: [
          { label: 'Utfall (godkända månader)', data: d.outcomes, borderColor: '#0b4f7c', backgroundColor: '#0b4f7c', pointStyle: 'circle', pointRadius: 3, spanGaps: true },
          { label: 'Årets mål', data: d.labels.map(function () { return d.target; }), borderColor: '#8a5a00', borderDash: [4, 3], pointRadius: 0 }
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
