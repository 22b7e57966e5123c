import type { Command } from 'commander';
import { registerAudit } from './audit.ts';
import { registerBackup } from './backup.ts';
import { registerBacktest } from './backtest.ts';
import { registerDemo } from './demo.ts';
import { registerFit } from './fit.ts';
import { registerImport } from './import.ts';
import { registerLifecycle } from './lifecycle.ts';
import { registerMigration } from './migration.ts';
import { registerExport, registerScoring } from './score.ts';
import { registerServe } from './serve.ts';
import { registerStart } from './start.ts';
import { registerStatus } from './status.ts';
import { registerTokens } from './tokens.ts';
import { registerUsers } from './users.ts';

/** Registers every sub-command on the program. */
export function registerCommands(program: Command): void {
  registerStart(program);
  registerDemo(program);
  registerImport(program);
  registerStatus(program);
  registerScoring(program);
  registerExport(program);
  registerBacktest(program);
  registerMigration(program);
  registerLifecycle(program);
  registerFit(program);
  registerServe(program);
  registerBackup(program);
  registerAudit(program);
  registerUsers(program);
  registerTokens(program);
}
