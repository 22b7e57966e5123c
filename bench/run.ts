import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * Runs the benchmarks, each in its own process (so that its peak memory is its own), prints
 * their figures and writes them into BENCHMARKS.md. `npm run bench -- scoring wallet` runs some
 * and keeps the other sections as they were.
 */
const BENCHES = [
  'import',
  'scoring',
  'fit-models',
  'wallet',
  'lifecycle',
  'api',
  'backtest',
  'team-server',
] as const;

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(BENCHES as readonly string[]).includes(name))
    throw new Error(`unknown benchmark ${name} (known: ${BENCHES.join(', ')})`);
}
const selected = wanted.length > 0 ? BENCHES.filter((b) => wanted.includes(b)) : BENCHES;

const file = 'BENCHMARKS.md';
const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
const sections = new Map<string, string>();
for (const name of BENCHES) {
  const match = previous.match(
    new RegExp(`<!-- bench:${name} -->\\n([\\s\\S]*?)\\n<!-- /bench:${name} -->`),
  );
  if (match?.[1]) sections.set(name, match[1]);
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const today = new Date().toISOString().slice(0, 10);
for (const name of selected) {
  process.stderr.write(`running ${name}...\n`);
  const section = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'run-one.ts'), name],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    },
  ).trim();
  process.stdout.write(`${section}\n\n`);
  sections.set(name, `${section}\n\n_Measured ${today} on ${machine}._`);
}

const body = BENCHES.filter((name) => sections.has(name))
  .map((name) => `<!-- bench:${name} -->\n${sections.get(name) ?? ''}\n<!-- /bench:${name} -->`)
  .join('\n\n');
writeFileSync(
  file,
  `# Benchmarks\n\nFigures from \`npm run bench\` (each benchmark in its own process, with a baseline measured in the same run).\n\n${body}\n`,
);
