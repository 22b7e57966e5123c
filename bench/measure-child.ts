/**
 * Runs one measured step in its own process so that its peak memory is its own:
 *   tsx bench/measure-child.ts import DB FILE      — hotspot's importer
 *   tsx bench/measure-child.ts read-csv DB FILE    — DuckDB's bare read_csv of the same file
 * Prints one JSON line: { seconds, peakRssMb, ... }.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { importFile } from '../src/app/import-file.ts';
import { openStore } from '../src/db/open-store.ts';

const [step, db, file] = process.argv.slice(2);
if (!step || !db || !file) throw new Error('usage: measure-child.ts import|read-csv DB FILE');

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
    store.close();
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

const started = performance.now();
const figures = step === 'import' ? await runImport(db, file) : await readCsv(db, file);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...figures })}\n`,
);
