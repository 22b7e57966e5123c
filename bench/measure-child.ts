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

const started = performance.now();
let extra: Record<string, unknown> = {};
if (step === 'import') {
  const store = await openStore(db);
  const summary = await importFile(store, { entity: 'invoice', path: file, source: 'bench' });
  extra = { rows: summary.rows, inserted: summary.inserted, unchanged: summary.unchanged, rejected: summary.rejected };
  store.close();
} else {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    `CREATE OR REPLACE TEMP TABLE bare AS SELECT * FROM read_csv($1); SELECT count(*) AS n FROM bare`,
    [file],
  );
  extra = { rows: Number(reader.getRowObjectsJS()[0]?.n) };
  connection.closeSync();
  instance.closeSync();
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...extra })}\n`);
