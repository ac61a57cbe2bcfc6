import * as d3 from 'd3';

const NS = 'http://www.w3.org/2000/svg';

export function createSvg(width: number, height: number, testId: string): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'kpi-chart');
  svg.setAttribute('data-testid', testId);
  return svg;
}

/** Sparkline of a series (e.g. mean network speed over the last minutes). */
export function drawSparkline(svg: SVGSVGElement, values: readonly number[], color: string): void {
  const [width, height] = viewBoxSize(svg);
  const x = d3.scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([2, width - 2]);
  const extent = d3.extent(values);
  const low = extent[0] ?? 0;
  const high = extent[1] ?? 1;
  const y = d3.scaleLinear().domain([Math.min(low, high - 1), high]).nice().range([height - 2, 2]);
  const line = d3.line<number>().x((_, i) => x(i)).y((d) => y(d)).curve(d3.curveMonotoneX);
  d3.select(svg)
    .selectAll('path')
    .data([values])
    .join('path')
    .attr('fill', 'none')
    .attr('stroke', color)
    .attr('stroke-width', 2)
    .attr('d', (d) => line([...d]) ?? '');
}

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly color: string;
  readonly text?: string;
}

/**
 * Row height, font size and label width of bar charts, in viewBox units, and how many rows to draw. The svg scales to
 * fit its box, so bigger type needs fewer rows: callers pass bars worst-first and a wall keeps the top ones.
 */
export interface BarMetrics {
  readonly rowHeight: number;
  readonly fontSize: number;
  readonly labelWidth: number;
  readonly maxRows: number;
}

/** The console's bars: every row, at desk size. */
export const DESK_BARS: BarMetrics = { rowHeight: 16, fontSize: 11, labelWidth: 120, maxRows: Number.POSITIVE_INFINITY };

/** Horizontal bars with labels (AQI per station, dossiers per district). */
export function drawBars(svg: SVGSVGElement, allBars: readonly Bar[], max?: number, metrics: BarMetrics = DESK_BARS): void {
  const [width] = viewBoxSize(svg);
  const { rowHeight, fontSize, labelWidth, maxRows } = metrics;
  const bars = allBars.slice(0, maxRows);
  const height = Math.max(rowHeight, bars.length * rowHeight);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const baseline = rowHeight / 2 + fontSize * 0.36;
  const x = d3.scaleLinear().domain([0, max ?? Math.max(1, d3.max(allBars, (bar) => bar.value) ?? 1)]).range([0, width - labelWidth - 40]);
  const rows = d3
    .select(svg)
    .selectAll<SVGGElement, Bar>('g.bar')
    .data(bars, (bar) => bar.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'bar');
      g.append('text').attr('class', 'label').attr('x', 0).attr('fill', '#8ea0bd');
      g.append('rect').attr('x', labelWidth).attr('rx', 2);
      g.append('text').attr('class', 'value').attr('fill', '#e6edf7');
      return g;
    });
  rows.selectAll<SVGTextElement, Bar>('text').attr('y', baseline).attr('font-size', fontSize);
  rows.select<SVGRectElement>('rect').attr('x', labelWidth).attr('y', rowHeight * 0.18).attr('height', rowHeight * 0.68);
  rows.attr('transform', (_, i) => `translate(0, ${i * rowHeight})`);
  rows.select<SVGTextElement>('text.label').text((bar) => bar.label);
  rows
    .select<SVGRectElement>('rect')
    .attr('width', (bar) => Math.max(1, x(bar.value)))
    .attr('fill', (bar) => bar.color);
  rows
    .select<SVGTextElement>('text.value')
    .attr('x', (bar) => labelWidth + Math.max(1, x(bar.value)) + 4)
    .text((bar) => bar.text ?? String(bar.value));
}

export interface StackPoint {
  readonly [key: string]: number;
}

/** Stacked columns per time step (alerts per minute by severity). */
export function drawStackedColumns(svg: SVGSVGElement, points: readonly StackPoint[], keys: readonly string[], colors: readonly string[]): void {
  const [width, height] = viewBoxSize(svg);
  const stack = d3.stack<StackPoint>().keys(keys)([...points]);
  const x = d3.scaleBand<number>().domain(points.map((_, i) => i)).range([0, width]).padding(0.15);
  const top = d3.max(stack, (series) => d3.max(series, (d) => d[1])) ?? 1;
  const y = d3.scaleLinear().domain([0, Math.max(1, top)]).range([height, 0]);
  d3.select(svg)
    .selectAll<SVGGElement, d3.Series<StackPoint, string>>('g.series')
    .data(stack, (series) => series.key)
    .join('g')
    .attr('class', 'series')
    .attr('fill', (_, i) => colors[i] ?? '#888')
    .selectAll<SVGRectElement, d3.SeriesPoint<StackPoint>>('rect')
    .data((series) => series)
    .join('rect')
    .attr('x', (_, i) => x(i) ?? 0)
    .attr('width', x.bandwidth())
    .attr('y', (d) => y(d[1]))
    .attr('height', (d) => Math.max(0, y(d[0]) - y(d[1])));
}

function viewBoxSize(svg: SVGSVGElement): [number, number] {
  const parts = (svg.getAttribute('viewBox') ?? '0 0 400 60').split(' ').map(Number);
  return [parts[2] ?? 400, parts[3] ?? 60];
}
