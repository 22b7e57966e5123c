import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { InvalidArgumentError, type Command } from 'commander';
import { pino } from 'pino';
import { hasUsers } from '../app/users.ts';
import { HotspotError, UsageError } from '../core/errors.ts';
import { isLoopbackHost } from '../core/loopback-host.ts';
import { isPostgresUrl } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';
import { createApp } from '../server/create-app.ts';
import { print, withStore } from './context.ts';

const DEFAULT_PORT = 3000;
const DEFAULT_HOST = '127.0.0.1';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number, 0 to 65535');
  return n;
}

function defaultPort(): number {
  const fromEnv = process.env.PORT;
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_PORT;
  try {
    return port(fromEnv);
  } catch {
    throw new UsageError(`PORT=${fromEnv}: expected a port number, 0 to 65535`);
  }
}

/** The built web app (`npm run build` writes it). */
const WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Where the server keeps files (import error reports): beside a database file; for a memory
 * database a temporary folder; for PostgreSQL ./hotspot.files where the app runs (each app
 * machine keeps the reports of the imports it ran).
 */
function filesDirFor(location: string): string {
  if (location === ':memory:') return mkdtempSync(join(tmpdir(), 'hotspot-files-'));
  if (isPostgresUrl(location)) return resolve('hotspot.files');
  return `${resolve(location)}.files`;
}

/** Listening options of `serve` and `start`. */
export type ListenOptions = { port?: number; host: string; trustProxy?: boolean };

/** Adds the --port and --host options of a command that serves the app. */
export function listenOptions(command: Command): Command {
  return command
    .option('--port <n>', `port to listen on (default: $PORT or ${DEFAULT_PORT})`, port)
    .option(
      '--host <host>',
      'address to listen on (anything but localhost needs users: `hotspot users add`)',
      DEFAULT_HOST,
    )
    .option(
      '--trust-proxy',
      'behind a reverse proxy: take client addresses (for sign-in rate limits) from X-Forwarded-For',
    );
}

/**
 * Single-user mode (a workspace without users: everyone who reaches the server is its admin)
 * listens on this machine only. Throws USAGE for another address; says so when it applies.
 */
async function assertSafeToListen(store: Store, host: string): Promise<void> {
  if (await hasUsers(store)) {
    if (!isLoopbackHost(host))
      print(
        `listening on ${host}: put an HTTPS reverse proxy in front (and pass --trust-proxy), or passwords and session cookies cross the network in clear`,
      );
    return;
  }
  if (!isLoopbackHost(host))
    throw new UsageError(
      `refusing to listen on ${host}: the workspace has no users, so anyone who reaches the server would be its admin. Add users first (\`hotspot users add EMAIL --role admin\`), or listen on 127.0.0.1`,
    );
  print(
    'single-user mode: no users defined, you are the local admin; add users with `hotspot users add`',
  );
}

/**
 * Serves the web app and the HTTP API over an open store until SIGINT or SIGTERM, then closes the
 * store once requests in flight have finished. Prints the URL once listening.
 */
export async function serveWorkspace(store: Store, flags: ListenOptions): Promise<void> {
  const listenPort = flags.port ?? defaultPort();
  await assertSafeToListen(store, flags.host);
  const logger = pino();
  const webDir = existsSync(join(WEB_DIR, 'index.html')) ? WEB_DIR : undefined;
  const app = createApp({
    store,
    logger,
    filesDir: filesDirFor(store.location),
    webDir,
    trustProxy: flags.trustProxy ?? false,
  });
  await new Promise<void>((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: listenPort, hostname: flags.host }, (info) => {
      const url = urlOf(info);
      print(
        webDir
          ? `Hotspot is running: open ${url} (API ${url}/api, database ${store.location}); Ctrl-C stops it`
          : `Hotspot API on ${url}/api (database ${store.location}); the web app is not built: run \`npm run build\`; Ctrl-C stops it`,
      );
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new HotspotError(
              'CONFLICT',
              `${flags.host}:${listenPort} is already in use (set PORT or --port)`,
            )
          : error,
      );
    });
    const shutdown = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      logger.info({ signal }, 'shutting down');
      // stop accepting connections, let requests in flight finish
      server.close(() => resolvePromise());
      if ('closeIdleConnections' in server) {
        server.closeIdleConnections();
        // keep-alive clients that do not hang up get 5 seconds, then are cut off
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}

/** Adds `hotspot serve`: the web app and the HTTP API over the workspace. */
export function registerServe(program: Command): void {
  listenOptions(
    program
      .command('serve')
      .description(
        'serve the web app and the HTTP API (JSON under /api, OpenAPI at /api/openapi.json)',
      ),
  ).action(async (flags: ListenOptions) => {
    await withStore(program, (store) => serveWorkspace(store, flags));
  });
}

function urlOf(info: AddressInfo): string {
  const host =
    info.address === '127.0.0.1' || info.address === '::1'
      ? 'localhost'
      : info.family === 'IPv6'
        ? `[${info.address}]`
        : info.address;
  return `http://${host}:${info.port}`;
}
