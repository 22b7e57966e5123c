import { Command } from 'commander';
import { vi } from 'vitest';

/**
 * Runs `hotspot ARGV…` in process: a program with the global --db option and the commands
 * `register` adds. Answers what the command wrote to stdout; a failure is rethrown unchanged
 * (the program exits by throwing, never by ending the process).
 */
export async function runCli(
  register: (program: Command) => void,
  argv: readonly string[],
): Promise<string> {
  const program = new Command('hotspot').option('--db <path>').exitOverride();
  register(program);
  let out = '';
  const stdout = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } finally {
    stdout.mockRestore();
  }
  return out;
}
