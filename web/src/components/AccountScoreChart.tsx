import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
// renamed: echarts' `use` registers chart parts, it is not a React hook
import { init, use as registerChartParts, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { humanize } from '../format.ts';
import { DIMENSION_COLORS, DIMENSIONS, type AccountDetail } from './AccountTypes.ts';

registerChartParts([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type ChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Need, value and behavior over the runs that scored the account (oldest first). */
export function AccountScoreChart({ history }: { history: AccountDetail['history'] }) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return undefined;
    const chart = init(element.current, undefined, { renderer: 'svg' });
    const option: ChartOption = {
      animation: false,
      grid: { left: 36, right: 16, top: 32, bottom: 44 },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(1) : '—'),
      },
      xAxis: {
        type: 'category',
        data: history.map((h) => `#${h.runId}\n${h.asOf}`),
        axisLabel: { fontSize: 11, hideOverlap: true, lineHeight: 14 },
      },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { fontSize: 11 } },
      series: DIMENSIONS.map((dimension) => ({
        type: 'line',
        name: humanize(dimension),
        data: history.map((h) => h[dimension]),
        color: DIMENSION_COLORS[dimension],
        symbolSize: 6,
        connectNulls: false,
      })),
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [history]);

  return (
    <div
      ref={element}
      className="account-chart"
      role="img"
      aria-label={`Need, value and behavior scores over ${history.length} scoring runs; the table below lists them.`}
    />
  );
}
