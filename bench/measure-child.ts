/**
 * Runs one measured step in its own process so that its peak memory is its own:
 *   tsx bench/measure-child.ts import DB FILE      — hotspot's importer
 *   tsx bench/measure-child.ts read-csv DB FILE    — DuckDB's bare read_csv of the same file
 *   tsx bench/measure-child.ts score DB -          — hotspot score, with seconds and peak RSS per phase
 *   tsx bench/measure-child.ts group-by DB -       — DuckDB's bare GROUP BY account sum over the invoices
 * Prints one JSON line: { seconds, peakRssMb, ... }.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { importFile } from '../src/app/import-file.ts';
import { openStore } from '../src/db/open-store.ts';
import { scoreWorkspace } from '../src/app/score-workspace.ts';

const [step, db, file] = process.argv.slice(2);
if (!step || !db || !file)
  throw new Error('usage: measure-child.ts import|read-csv|score|group-by DB FILE');

async function runImport(db: string, file: string): Promise<Record<string, number>> {
  const store = await openStore(db);
  try {
    const summary = await importFile(store, { entity: 'invoice', path: file, source: 'bench' });
    return {
      rows: summary.rows,
      inserted: summary.inserted,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
    };
  } finally {
    await store.close();
  }
}

async function readCsv(db: string, file: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    await connection.run('CREATE OR REPLACE TEMP TABLE bare AS SELECT * FROM read_csv($1)', [file]);
    const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM bare');
    return { rows: Number(reader.getRowObjectsJS()[0]?.n) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Peak RSS (MB) seen while each phase ran, sampled every 20 ms. */
async function runScore(db: string): Promise<Record<string, number>> {
  const store = await openStore(db);
  const figures: Record<string, number> = {};
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const run = await scoreWorkspace(store, {
      onPhase: (phase, seconds) => {
        peak = Math.max(peak, process.memoryUsage().rss);
        figures[`${phase}Seconds`] = seconds;
        figures[`${phase}PeakMb`] = peak / 2 ** 20;
        peak = 0;
      },
    });
    figures.rows = run.accounts;
    return figures;
  } finally {
    clearInterval(timer);
    await store.close();
  }
}

async function groupBy(db: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      'SELECT account_id, sum(amount) AS total FROM invoice GROUP BY account_id',
    );
    return { rows: reader.currentRowCount };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const steps: Record<string, (db: string, file: string) => Promise<Record<string, number>>> = {
  import: runImport,
  'read-csv': readCsv,
  score: runScore,
  'group-by': groupBy,
};
const started = performance.now();
const figures = await (steps[step] ?? readCsv)(db, file);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...figures })}\n`,
);
