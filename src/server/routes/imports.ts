import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute } from '@hono/zod-openapi';
import { importFile } from '../../app/import-file.ts';
import { ImportForm, ImportParams, ImportSummary } from '../../contract/imports.ts';
import type { Store } from '../../db/store.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';
import { omit } from '../present.ts';

const importRoute = createRoute({
  method: 'post',
  path: '/imports/{entity}',
  tags: ['imports'],
  summary:
    'import one file of one entity (as `hotspot import ENTITY FILE`): valid rows are committed, rejected rows reported',
  request: {
    params: ImportParams,
    body: { content: { 'multipart/form-data': { schema: ImportForm } }, required: true },
  },
  responses: {
    200: jsonResponse(
      ImportSummary,
      'the import summary; `outcome` says whether rows were rejected (or, with strict, nothing imported)',
    ),
    ...errorResponses(400, 422, 500),
  },
});

/** The uploaded file's own name, reduced to safe characters (its extension picks the reader). */
function safeName(name: string, entity: string): string {
  const cleaned = basename(name)
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '');
  return cleaned || `${entity}.csv`;
}

/**
 * POST /imports/{entity}: the upload is written to a temporary folder, imported, and removed with
 * its error file; the summary carries the first 100 rejected rows.
 */
export function importRoutes(store: Store) {
  return createRouter().openapi(importRoute, async (c) => {
    const { entity } = c.req.valid('param');
    const form = c.req.valid('form');
    const name = safeName(form.file.name, entity);
    const dir = mkdtempSync(join(tmpdir(), 'hotspot-api-upload-'));
    try {
      const path = join(dir, name);
      await pipeline(
        Readable.fromWeb(form.file.stream() as NodeReadableStream<Uint8Array>),
        createWriteStream(path),
      );
      const summary = await importFile(store, {
        entity,
        path,
        preset: form.preset,
        source: form.source,
        encoding: form.encoding,
        dryRun: form.dryRun,
        strict: form.strict,
        errorsPath: join(dir, 'rejected.errors.csv'),
      });
      // the error file goes with the upload; the summary keeps the first rejected rows
      return c.json({ ...omit(summary, ['errorFile']), file: form.file.name || name }, 200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
