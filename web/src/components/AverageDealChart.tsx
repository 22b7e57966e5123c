import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerChartParts, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatCompactMoney, formatCount, formatMoney } from '../format.ts';

registerChartParts([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type DealOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

type QuarterDeals = { quarter: string; deals: number; average: number };

/**
 * The average won deal per quarter: the baseline the high-value rule compares potential with
 * grows as the business grows, so people see where "large" stands today.
 */
export function AverageDealChart({ quarters }: { quarters: readonly QuarterDeals[] }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const chart = init(element, undefined, { renderer: 'canvas' });
    const option: DealOption = {
      grid: { left: 56, right: 16, top: 12, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (raw) => {
          const params = Array.isArray(raw) ? raw[0] : raw;
          const row = params ? quarters[params.dataIndex] : undefined;
          if (!row) return '';
          return `<strong>${row.quarter}</strong><br>Average won deal ${formatMoney(row.average)}<br>${formatCount(row.deals)} deals won`;
        },
      },
      xAxis: {
        type: 'category',
        data: quarters.map((q) => q.quarter),
        axisLabel: { color: '#5b6472', hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        axisLabel: { color: '#5b6472', formatter: (v: number) => formatCompactMoney(v) },
        splitLine: { lineStyle: { color: '#eef0f3' } },
      },
      series: [
        {
          type: 'line',
          name: 'Average won deal',
          data: quarters.map((q) => Math.round(q.average)),
          smooth: false,
          symbolSize: 5,
          lineStyle: { color: '#c2410c', width: 2 },
          itemStyle: { color: '#c2410c' },
          areaStyle: { color: 'rgba(194, 65, 12, 0.08)' },
        },
      ],
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [quarters]);

  const last = quarters.at(-1);
  return (
    <div
      ref={ref}
      className="average-deal-chart"
      role="img"
      aria-label={
        last
          ? `Average won deal by quarter from ${quarters[0]?.quarter ?? ''} to ${last.quarter}; latest ${formatMoney(last.average)}.`
          : 'Average won deal by quarter'
      }
    />
  );
}
