// One Chart.js chart on a canvas (bundled by esbuild from the npm package; no CDN). Charts are
// never the only way to read a number: every chart has a table with the same numbers beside it,
// its canvas is an image with a text label, and series differ by point style and dash, not only
// by colour.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** Colour-blind-safe palette (Okabe & Ito 2008); each series also gets its own point style / dash. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'] as const;
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];

export interface Series {
  label: string;
  data: (number | null)[];
}

export function styled(kind: 'bar' | 'line', series: Series[]) {
  return series.map((s, i) => ({
    label: s.label,
    data: s.data,
    backgroundColor: COLOURS[i % COLOURS.length],
    borderColor: COLOURS[i % COLOURS.length],
    ...(kind === 'line'
      ? { pointStyle: POINTS[i % POINTS.length], pointRadius: 4, borderDash: DASHES[i % DASHES.length], borderWidth: 2, tension: 0 }
      : { borderWidth: 1 }),
  }));
}

export function ChartView({ kind, labels, series, label, yTitle, format, integer = false }: {
  kind: 'bar' | 'line'; labels: string[]; series: Series[]; label: string; yTitle: string; format: (n: number) => string;
  /** Counts: whole-number ticks only. */
  integer?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const config: ChartConfiguration<'bar' | 'line'> = {
      type: kind,
      data: { labels, datasets: styled(kind, series) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1, labels: { usePointStyle: true } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${format(Number(c.parsed.y))}` } } },
        scales: { y: { beginAtZero: true, title: { display: true, text: yTitle }, ticks: { ...(integer ? { precision: 0 } : {}), callback: (v) => format(Number(v)) } } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [kind, integer, JSON.stringify(labels), JSON.stringify(series)]);
  return html`<div class="chart"><canvas ref=${canvas} role="img" aria-label=${label}></canvas></div>`;
}
