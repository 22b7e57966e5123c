import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { InvalidArgumentError, type Command } from 'commander';
import { pino } from 'pino';
import { HotspotError, UsageError } from '../core/errors.ts';
import { openStore } from '../db/open-store.ts';
import { createApp } from '../server/create-app.ts';
import { dbLocation, print } from './context.ts';

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

/** Adds `hotspot serve`: the HTTP API over the workspace, until SIGINT or SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (JSON under /api, OpenAPI at /api/openapi.json)')
    .option('--port <n>', `port to listen on (default: $PORT or ${DEFAULT_PORT})`, port)
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .action(async (flags: { port?: number; host: string }) => {
      const listenPort = flags.port ?? defaultPort();
      const store = await openStore(dbLocation(program));
      const logger = pino();
      const app = createApp({ store, logger });
      await new Promise<void>((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port: listenPort, hostname: flags.host }, (info) =>
          print(`hotspot API on ${urlOf(info)} (database ${store.location}); Ctrl-C stops it`),
        );
        server.once('error', (error: NodeJS.ErrnoException) => {
          store.close();
          reject(
            error.code === 'EADDRINUSE'
              ? new HotspotError('CONFLICT', `${flags.host}:${listenPort} is already in use`)
              : error,
          );
        });
        const shutdown = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', shutdown);
          process.off('SIGTERM', shutdown);
          logger.info({ signal }, 'shutting down');
          // stop accepting connections, let requests in flight finish, then close the store
          server.close(() => {
            store.close();
            resolve();
          });
          if ('closeIdleConnections' in server) {
            server.closeIdleConnections();
            // keep-alive clients that do not hang up get 5 seconds, then are cut off
            setTimeout(() => server.closeAllConnections(), 5_000).unref();
          }
        };
        process.on('SIGINT', shutdown);
        process.on('SIGTERM', shutdown);
      });
    });
}

function urlOf(info: AddressInfo): string {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  return `http://${host}:${info.port}`;
}
