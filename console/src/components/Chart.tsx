// One chart, drawn by Apache ECharts once its code has loaded (lazily, see echarts.ts). The
// figures it draws are also in a table beside it. The chart is an image: `label` names it
// until ECharts has drawn it, then ECharts' aria component describes it, series by series.
import { useEffect, useRef } from 'react';
import type { ChartOption } from './echarts';

export function Chart({
  option,
  label,
  testId,
  height = 260,
}: {
  option: ChartOption;
  /** What the chart shows, for assistive technology (the table beside it has the figures). */
  label: string;
  testId: string;
  height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./echarts').then(({ init }) => {
      if (disposed || !element.current) return;
      const chart = init(element.current, null, { renderer: 'svg' });
      chart.setOption({ aria: { enabled: true }, animation: false, ...option });
      const resize = new ResizeObserver(() => chart.resize());
      resize.observe(element.current);
      dispose = () => {
        resize.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [option]);
  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      data-testid={testId}
      className="chart"
      style={{ height }}
    />
  );
}
