import type { Command } from 'commander';
import { registerImport } from './import.ts';
import { registerStatus } from './status.ts';

/** Registers every sub-command on the program. */
export function registerCommands(program: Command): void {
  registerImport(program);
  registerStatus(program);
}
