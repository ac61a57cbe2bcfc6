import { readFile } from 'node:fs/promises';
import { loadRegion } from '../../feeds/region/load-region.js';
import type { Region } from '../../feeds/region/index.js';
import { SourceContext } from '../../feeds/sources/source-context.js';
import { sourceRegion } from '../../feeds/sources/start-sources.js';
import { numberedLines, type NumberedLine } from '../../feeds/sources/source-result.js';

export const SAMPLES = new URL('./samples/', import.meta.url).pathname;
const REGION_DIR = new URL('../../regions/hai-duong', import.meta.url).pathname;

let region: Promise<Region> | null = null;
/** The shipped Hải Dương pack (agencies with CIDRs, stations, portal units), loaded once per test file. */
export function haiDuong(): Promise<Region> {
  region ??= loadRegion(REGION_DIR);
  return region;
}

export async function haiDuongContext(): Promise<SourceContext> {
  return new SourceContext(sourceRegion(await haiDuong()));
}

export async function sampleLines(name: string): Promise<NumberedLine[]> {
  return numberedLines(await readFile(`${SAMPLES}${name}`, 'utf8'));
}

export async function sampleText(name: string): Promise<string> {
  return readFile(`${SAMPLES}${name}`, 'utf8');
}
