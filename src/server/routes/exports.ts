import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createRoute } from '@hono/zod-openapi';
import { exportTiers } from '../../app/export-tiers.ts';
import { ExportQuery } from '../../contract/exports.ts';
import type { Store } from '../../db/store.ts';
import { requestScope } from '../auth/authorize.ts';
import { createRouter, errorResponses } from '../create-router.ts';

const exportRoute = createRoute({
  method: 'get',
  path: '/export',
  tags: ['exports'],
  summary: "the run's tiers and scores as a file for the CRM's import tool, or CSV / Parquet",
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'the file, as an attachment',
      content: {
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...errorResponses(400, 404, 500),
  },
});

/** GET /export: written to a temporary file by `exportTiers`, streamed, then deleted. */
export function exportRoutes(store: Store) {
  return createRouter().openapi(exportRoute, async (c) => {
    const { format, source, run } = c.req.valid('query');
    const extension = format === 'parquet' ? 'parquet' : 'csv';
    const name = `hotspot-tiers-${format}.${extension}`;
    const dir = mkdtempSync(join(tmpdir(), 'hotspot-api-export-'));
    const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
    try {
      const result = await exportTiers(store, {
        format,
        out: join(dir, name),
        source,
        runId: run,
        scope: requestScope(c),
      });
      const file = createReadStream(result.path);
      // the file goes when the response has been sent, or the client went away
      file.once('close', removeDir);
      return new Response(Readable.toWeb(file) as ReadableStream<Uint8Array>, {
        status: 200,
        headers: {
          'Content-Type':
            format === 'parquet' ? 'application/vnd.apache.parquet' : 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}"`,
          'X-Hotspot-Run': String(result.runId),
          'X-Hotspot-Rows': String(result.rows),
        },
      });
    } catch (error) {
      removeDir();
      throw error;
    }
  });
}
