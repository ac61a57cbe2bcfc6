import type { ConsoleCommand } from '../feeds/bridge/bridge-contract.js';

/** Every command the host may send; the preload forwards only these, so the page never sees an arbitrary string. */
export const CONSOLE_COMMANDS = ['toggle-language', 'show-help', 'show-about', 'fly-home', 'toggle-layer-panel'] as const satisfies readonly ConsoleCommand[];

// A compile error here means the contract gained a command this list does not know.
type MissingCommand = Exclude<ConsoleCommand, (typeof CONSOLE_COMMANDS)[number]>;
const everyCommandListed: [MissingCommand] extends [never] ? true : MissingCommand = true;
void everyCommandListed;

export function isConsoleCommand(value: unknown): value is ConsoleCommand {
  return typeof value === 'string' && (CONSOLE_COMMANDS as readonly string[]).includes(value);
}
