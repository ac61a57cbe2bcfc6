import * as d3 from 'd3';

const NS = 'http://www.w3.org/2000/svg';

export function createSvg(width: number, height: number, testId: string): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'kpi-chart');
  svg.setAttribute('data-testid', testId);
  return svg;
}

/** A sparkline point needs this many pixels of width to read as a trend, not a smear (compact cards show fewer). */
export const SPARKLINE_PX_PER_POINT = 6;

/** Sparkline of a series (e.g. mean network speed over the last minutes): the latest points that fit its width. */
export function drawSparkline(svg: SVGSVGElement, series: readonly number[], color: string): void {
  const [width, height] = viewBoxSize(svg);
  const shownWidth = svg.clientWidth || width;
  const values = series.slice(-Math.max(2, Math.floor(shownWidth / SPARKLINE_PX_PER_POINT)));
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
