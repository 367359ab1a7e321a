// The part of Apache ECharts the console draws with: bars and lines, their grid, tooltip,
// legend and the aria description, rendered as SVG (crisp in print, readable by the browser
// tests). Imported only through Chart.tsx's dynamic import, so the charts' code is a chunk of
// its own that a first visit never loads.
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use as registerParts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

registerParts([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
]);

export { init };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
