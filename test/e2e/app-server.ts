import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..');

/** Builds the web app into dist/web, as `npm start` does. */
export async function buildWebApp(): Promise<void> {
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' });
}

export type RunningApp = { url: string; db: string; stop: () => Promise<void> };

/**
 * Runs the README's main job (`hotspot start`) on a database (a new one by default) on a free
 * port: demo data when empty, a scoring run when none, then the web app and API. Resolves with
 * the URL it prints.
 */
export async function startApp(
  db = join(mkdtempSync(join(tmpdir(), 'hotspot-e2e-')), 'e2e.duckdb'),
): Promise<RunningApp> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'hotspot.js'), 'start', '--db', db, '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open (http:\/\/\S+) /.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`hotspot start exited with ${code} before serving:\n${output}`)),
    );
  });
  return { url, db, stop: () => stop(child) };
}

/** Runs one `hotspot` command on a database (not while an app holds it) and returns its output. */
export function hotspot(args: readonly string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'bin', 'hotspot.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
