import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** A `hotspot serve` child process on `db` and `port`, answering /healthz; `stop` ends it. */
export async function startServer(
  db: string,
  port: number,
): Promise<{ base: string; stop: () => Promise<void> }> {
  const server = spawn(
    process.execPath,
    [join(import.meta.dirname, '../bin/hotspot.js'), '--db', db, 'serve', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  server.stdout.on('data', () => undefined);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`);
  return {
    base,
    stop: async () => {
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`startServer: ${url} did not answer`);
}
