import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchFitModels } from './fit-models.ts';
import { benchImportThroughput } from './import-throughput.ts';
import { benchScore } from './score-throughput.ts';
import { benchWallet } from './wallet.ts';

/** Runs every benchmark, prints its figures and writes them to BENCHMARKS.md. */
const sections: string[] = [];
const benches = [
  ['import throughput', benchImportThroughput],
  ['scoring', benchScore],
  ['fit models', benchFitModels],
  ['wallet', benchWallet],
] as const;
for (const [name, bench] of benches) {
  process.stderr.write(`running ${name}...\n`);
  const section = await bench();
  process.stdout.write(`${section}\n\n`);
  sections.push(section);
}
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
writeFileSync(
  'BENCHMARKS.md',
  `# Benchmarks\n\nLatest \`npm run bench\` on ${machine}, ${new Date().toISOString().slice(0, 10)}.\n\n${sections.join('\n\n')}\n`,
);
