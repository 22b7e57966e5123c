import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import {
  init,
  use as registerChartParts,
  type ComposeOption,
  type ECElementEvent,
} from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { z } from 'zod';
import type { MatrixPoints as MatrixPointsSchema } from '../../../src/contract/overview.ts';
import { formatCount, formatScore, tierLabel } from '../format.ts';

registerChartParts([
  ScatterChart,
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

type MatrixPoints = z.infer<typeof MatrixPointsSchema>;
type MatrixOption = ComposeOption<
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
>;

/** Low to high behavior: a colour-blind-safe sequential ramp (viridis without its palest end). */
const BEHAVIOR_COLORS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#bddf26'] as const;
const NO_BEHAVIOR_COLOR = '#9ca3af';
const BANDS = 10;
/** Above this many points a series is drawn as one batched path (echarts' large mode). */
const LARGE_THRESHOLD = 2000;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The ramp's colour at t in [0, 1], as the continuous visual map interpolates it. */
function rampColor(t: number): string {
  const scaled = Math.min(1, Math.max(0, t)) * (BEHAVIOR_COLORS.length - 1);
  const i = Math.min(BEHAVIOR_COLORS.length - 2, Math.floor(scaled));
  const a = hexToRgb(BEHAVIOR_COLORS[i] ?? BEHAVIOR_COLORS[0]);
  const b = hexToRgb(BEHAVIOR_COLORS[i + 1] ?? BEHAVIOR_COLORS[0]);
  const f = scaled - i;
  const mix = a.map((v, k) => Math.round(v + ((b[k] ?? v) - v) * f));
  return `rgb(${mix.join(',')})`;
}

type Band = {
  label: string;
  color: string;
  /** x, y, behavior of each point, flat, as echarts reads typed arrays. */
  values: Float32Array;
  /** Index into the matrix columns of each point, to find its id and name. */
  members: Int32Array;
};

/** Band 0 holds the points without a behavior score; it is drawn first, under the others. */
const NO_BEHAVIOR_BAND = 0;

/**
 * The points split into behavior bands, one series each. Echarts' large mode draws a series in a
 * single colour, so colour-by-behavior at 100,000 points needs one series per band; below the
 * large threshold the visual map colours each point exactly.
 */
function toBands(points: MatrixPoints): { bands: Band[]; plotted: number; skipped: number } {
  const n = points.ids.length;
  const bandOf = new Int8Array(n);
  const sizes = new Int32Array(BANDS + 1);
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    const value = points.value[i];
    const need = points.need[i];
    if (value === null || value === undefined || need === null || need === undefined) {
      bandOf[i] = -1;
      skipped++;
      continue;
    }
    const behavior = points.behavior[i];
    const band =
      behavior === null || behavior === undefined
        ? NO_BEHAVIOR_BAND
        : 1 + Math.min(BANDS - 1, Math.max(0, Math.floor((behavior / 100) * BANDS)));
    bandOf[i] = band;
    sizes[band] = (sizes[band] ?? 0) + 1;
  }
  const bands: Band[] = [];
  const fill = new Int32Array(BANDS + 1);
  for (let b = 0; b <= BANDS; b++) {
    const size = sizes[b] ?? 0;
    const low = ((b - 1) * 100) / BANDS;
    bands.push({
      label: b === NO_BEHAVIOR_BAND ? 'no behavior score' : `behavior ${low}–${low + 100 / BANDS}`,
      color: b === NO_BEHAVIOR_BAND ? NO_BEHAVIOR_COLOR : rampColor((b - 0.5) / BANDS),
      values: new Float32Array(size * 3),
      members: new Int32Array(size),
    });
  }
  for (let i = 0; i < n; i++) {
    const b = bandOf[i] ?? -1;
    const band = bands[b];
    if (!band) continue;
    const k = fill[b] ?? 0;
    fill[b] = k + 1;
    band.values[k * 3] = points.value[i] ?? Number.NaN;
    band.values[k * 3 + 1] = points.need[i] ?? Number.NaN;
    band.values[k * 3 + 2] = points.behavior[i] ?? Number.NaN;
    band.members[k] = i;
  }
  return { bands, plotted: n - skipped, skipped };
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function buildOption(
  points: MatrixPoints,
  { bands, plotted, width }: { bands: Band[]; plotted: number; width: number },
): MatrixOption {
  const { value: valueCut, need: needCut } = points.run.thresholds;
  // dense or small plots need smaller points to show where the mass is
  const crowding = plotted / Math.max(200, width);
  const symbolSize = crowding > 60 ? 3 : crowding > 10 ? 4 : crowding > 3 ? 5 : 7;
  // overlapping translucent points blend, so one band drawn last does not hide the others
  const opacity = plotted > 50_000 ? 0.35 : plotted > 10_000 ? 0.5 : 0.75;
  const quadrantLabel = (
    position: 'insideTopRight' | 'insideTopLeft' | 'insideBottomRight' | 'insideBottomLeft',
  ) => ({
    show: true,
    position,
    color: '#374151',
    fontWeight: 600 as const,
    fontSize: 12,
    backgroundColor: 'rgba(255,255,255,0.85)',
    padding: [2, 6],
    borderRadius: 4,
  });
  const guides: ScatterSeriesOption = {
    type: 'scatter',
    name: 'tiers',
    data: [],
    silent: true,
    z: 1,
    markArea: {
      silent: true,
      data: [
        [
          {
            name: 'Tier 1',
            xAxis: valueCut,
            yAxis: needCut,
            itemStyle: { color: 'rgba(234, 88, 12, 0.07)' },
            label: quadrantLabel('insideTopRight'),
          },
          { xAxis: 100, yAxis: 100 },
        ],
        [
          {
            name: 'Tier 2 · need-led',
            xAxis: 0,
            yAxis: needCut,
            itemStyle: { color: 'rgba(124, 58, 237, 0.04)' },
            label: quadrantLabel('insideTopLeft'),
          },
          { xAxis: valueCut, yAxis: 100 },
        ],
        [
          {
            name: 'Tier 2 · value-led',
            xAxis: valueCut,
            yAxis: 0,
            itemStyle: { color: 'rgba(37, 99, 235, 0.04)' },
            label: quadrantLabel('insideBottomRight'),
          },
          { xAxis: 100, yAxis: needCut },
        ],
        [
          {
            name: 'Tier 3',
            xAxis: 0,
            yAxis: 0,
            itemStyle: { color: 'rgba(0, 0, 0, 0)' },
            label: quadrantLabel('insideBottomLeft'),
          },
          { xAxis: valueCut, yAxis: needCut },
        ],
      ],
    },
    markLine: {
      silent: true,
      symbol: 'none',
      animation: false,
      lineStyle: { color: '#111827', type: 'dashed', width: 1.5 },
      label: {
        color: '#111827',
        fontSize: 11,
        formatter: '{b}',
        backgroundColor: 'rgba(255,255,255,0.85)',
        padding: [1, 4],
        borderRadius: 3,
      },
      data: [
        {
          name: `value ${formatScore(valueCut)}`,
          xAxis: valueCut,
          label: { position: 'insideEndTop' },
        },
        {
          name: `need ${formatScore(needCut)}`,
          yAxis: needCut,
          label: { position: 'insideEndTop' },
        },
      ],
    },
  };
  const series: ScatterSeriesOption[] = bands.map((band) => ({
    type: 'scatter',
    name: band.label,
    data: band.values,
    dimensions: ['value', 'need', 'behavior'],
    encode: { x: 0, y: 1 },
    large: true,
    largeThreshold: LARGE_THRESHOLD,
    progressive: 5000,
    progressiveThreshold: 10_000,
    symbolSize,
    cursor: 'pointer',
    z: 2,
    itemStyle: { color: band.color, opacity },
    emphasis: { scale: 1.8, itemStyle: { opacity: 1, borderColor: '#111827', borderWidth: 1 } },
  }));
  // series 0 holds the guides, so band b is series b + 1; the no-behavior band keeps its grey
  const withBehavior = bands.flatMap((_, b) => (b === NO_BEHAVIOR_BAND ? [] : [b + 1]));
  return {
    animation: plotted <= LARGE_THRESHOLD,
    grid: { left: 44, right: 20, top: 16, bottom: 78, containLabel: false },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: 'Value score →',
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: '#5b6472', fontWeight: 600 },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: 'Need score →',
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: { color: '#5b6472', fontWeight: 600 },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw) => {
        const params = Array.isArray(raw) ? raw[0] : raw;
        if (!params || params.componentType !== 'series') return '';
        const band = bands[params.seriesIndex === undefined ? -1 : params.seriesIndex - 1];
        const i = band?.members[params.dataIndex];
        if (i === undefined) return '';
        const tier = points.tiers[points.tier[i] ?? -1] ?? '';
        return [
          `<strong>${escapeHtml(points.names[i] ?? '')}</strong>`,
          `Value ${formatScore(points.value[i])} · Need ${formatScore(points.need[i])} · Behavior ${formatScore(points.behavior[i])}`,
          `${escapeHtml(tierLabel(tier))}${points.highValue[i] ? ' · ★ high value' : ''}`,
          '<span style="color:#5b6472">Click to open the account</span>',
        ].join('<br>');
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 100,
      dimension: 2,
      seriesIndex: withBehavior,
      calculable: false,
      hoverLink: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 12,
      itemHeight: 180,
      text: ['behavior 100', 'behavior 0'],
      textStyle: { color: '#5b6472', fontSize: 12 },
      inRange: { color: [...BEHAVIOR_COLORS] },
    },
    series: [guides, ...series],
  };
}

/**
 * Where one point is drawn, in pixels from the chart's top left: the first point of the band drawn
 * last (on top of the others), so that a click there reaches it. Browser tests click it.
 */
function probePoint(
  chart: ReturnType<typeof init>,
  bands: readonly Band[],
): { x: number; y: number } | null {
  for (let b = bands.length - 1; b >= 0; b--) {
    const band = bands[b];
    if (!band || band.members.length === 0) continue;
    const pixel: unknown = chart.convertToPixel({ seriesIndex: b + 1 }, [
      band.values[0] ?? 0,
      band.values[1] ?? 0,
    ]);
    if (!Array.isArray(pixel)) return null;
    const [x, y] = pixel as number[];
    return x === undefined || y === undefined ? null : { x, y };
  }
  return null;
}

/**
 * The value × need hot-spot matrix: every scored account a point, coloured by behavior, with the
 * run's tier thresholds and quadrants. Clicking a point calls `onSelect` with its account id.
 * The container carries data-ready="true" once echarts has finished drawing.
 */
export function HotspotMatrix({
  points,
  onSelect,
}: {
  points: MatrixPoints;
  onSelect: (accountId: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  const { bands, plotted, skipped } = useMemo(() => toBands(points), [points]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    element.dataset['ready'] = 'false';
    const chart = init(element, undefined, { renderer: 'canvas' });
    chart.on('finished', () => {
      element.dataset['ready'] = 'true';
      element.dataset['probe'] = JSON.stringify(probePoint(chart, bands));
    });
    chart.on('click', (event: ECElementEvent) => {
      if (event.componentType !== 'series' || event.seriesIndex === undefined) return;
      const i = bands[event.seriesIndex - 1]?.members[event.dataIndex];
      const id = i === undefined ? undefined : points.ids[i];
      if (id !== undefined) onSelectRef.current(id);
    });
    chart.setOption(buildOption(points, { bands, plotted, width: element.clientWidth }));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points, bands, plotted]);

  const tier1 = points.run.thresholds;
  return (
    <figure className="hotspot-figure">
      <div
        ref={ref}
        className="hotspot-matrix"
        data-testid="hotspot-matrix"
        data-ready="false"
        data-points={plotted}
        role="img"
        aria-label={`Value by need scatter plot of ${formatCount(plotted)} accounts, coloured by behavior score. Tier 1 starts at value ${formatScore(tier1.value)} and need ${formatScore(tier1.need)}.`}
      />
      <figcaption className="muted small">
        {formatCount(plotted)} accounts plotted; colour is the behavior score (Tier 1a at{' '}
        {formatScore(tier1.behavior)} and above).
        {skipped > 0
          ? ` ${formatCount(skipped)} ${skipped === 1 ? 'account has' : 'accounts have'} no value or need score and ${skipped === 1 ? 'is' : 'are'} not shown.`
          : ''}
        {(bands[NO_BEHAVIOR_BAND]?.members.length ?? 0) > 0
          ? ' Grey points have no behavior score.'
          : ''}
      </figcaption>
    </figure>
  );
}
