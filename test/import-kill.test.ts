import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/db/open-store.ts';

const bin = join(import.meta.dirname, '../bin/hotspot.js');

async function writeAccounts(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,name,domain,employees\n');
  for (let i = 0; i < count; i++) out.write(`K${i},Company ${i},company${i}.com,${i % 500}\n`);
  out.end();
  await once(out, 'finish');
}

async function writeInvoices(
  path: string,
  options: { rows: number; accounts: number },
): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,account_id,issued_on,due_on,amount\n');
  let chunk: string[] = [];
  for (let i = 0; i < options.rows; i++) {
    chunk.push(
      `KI${i},K${i % options.accounts},2024-01-${String(1 + (i % 28)).padStart(2, '0')},2024-02-28,${i % 1000}.50`,
    );
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end(`${chunk.join('\n')}\n`);
  await once(out, 'finish');
}

async function snapshot(db: string): Promise<unknown[]> {
  const store = await openStore(db);
  try {
    return await store.all(
      `SELECT (SELECT count(*) FROM account) AS accounts, (SELECT count(*) FROM invoice) AS invoices,
              (SELECT coalesce(sum(amount), 0)::DOUBLE FROM invoice) AS amount, (SELECT count(*) FROM import) AS imports`,
    );
  } finally {
    await store.close();
  }
}

describe('an import killed with SIGKILL', () => {
  it('leaves the database exactly as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotspot-kill-'));
    const db = join(dir, 'kill.duckdb');
    const accounts = join(dir, 'account.csv');
    const invoices = join(dir, 'invoice.csv');
    await writeAccounts(accounts, 2000);
    await writeInvoices(invoices, { rows: 3_000_000, accounts: 2000 });
    const first = spawn(process.execPath, [bin, '--db', db, 'import', 'account', accounts], {
      stdio: 'ignore',
    });
    const [code] = (await once(first, 'exit')) as [number];
    expect(code).toBe(0);
    const before = await snapshot(db);
    expect(before).toEqual([{ accounts: 2000, invoices: 0, amount: 0, imports: 1 }]);

    // kill once the importer has started writing: DuckDB writes a large transaction's blocks
    // into the database file (and its log) before it commits
    const sizeOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
    const baseline = sizeOf(db) + sizeOf(`${db}.wal`);
    const child = spawn(process.execPath, [bin, '--db', db, 'import', 'invoice', invoices], {
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    const started = Date.now();
    let killedWhileWriting = false;
    while (child.exitCode === null && Date.now() - started < 120_000) {
      if (sizeOf(db) + sizeOf(`${db}.wal`) > baseline + 4_000_000) {
        child.kill('SIGKILL');
        killedWhileWriting = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await exited;
    expect(killedWhileWriting).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');

    expect(await snapshot(db)).toEqual(before);

    // and the workspace still works: the same import, run to the end, lands whole
    const again = spawn(process.execPath, [bin, '--db', db, 'import', 'invoice', invoices], {
      stdio: 'ignore',
    });
    const [againCode] = (await once(again, 'exit')) as [number];
    expect(againCode).toBe(0);
    expect(await snapshot(db)).toEqual([
      { accounts: 2000, invoices: 3_000_000, amount: 1_500_000_000, imports: 2 },
    ]);
  }, 180_000);
});
