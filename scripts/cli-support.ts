import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The small command-line tools (aqi, audit, quarantine) share one contract: `--help` prints the usage and exits 0, a
 * usage error prints what was wrong plus the usage and exits 2, so scripts can tell misuse from a real failure (1).
 */
export function cliUsageError(tool: string, usage: string): (message: string) => never {
  return (message) => {
    console.error(`${tool}: ${message}\n\n${usage}`);
    process.exit(2);
  };
}

export function parseCli<const O extends Options>(tool: string, usage: string, options: O) {
  const fail = cliUsageError(tool, usage);
  if (process.argv.slice(2).includes('--help')) {
    console.info(usage);
    process.exit(0);
  }
  try {
    const { values, positionals } = parseArgs({ args: process.argv.slice(2), options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    return fail((error as Error).message);
  }
}
