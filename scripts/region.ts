import { resolve } from 'node:path';
import { checkRegionPack } from '../feeds/region/check-region.js';
import { formatRegionProblem } from '../feeds/region/load-region.js';

/** `npm run region -- check <folder>`: validate a region pack; exit 1 listing every problem, file and field. */
const USAGE = 'usage: npm run region -- check <folder>';

async function main(argv: readonly string[]): Promise<number> {
  const [command, folder, ...rest] = argv;
  if (command !== 'check' || folder === undefined || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const problems = await checkRegionPack(resolve(folder));
  for (const problem of problems) console.error(formatRegionProblem(problem));
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s) in ${resolve(folder)}`);
    return 1;
  }
  console.info(`${resolve(folder)}: the region pack passes`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
