import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute } from '@hono/zod-openapi';
import {
  importErrorsFile,
  keepImportErrors,
  listImportLog,
  readRejectionPage,
} from '../../app/import-errors.ts';
import { importFile, parseColumnMaps } from '../../app/import-file.ts';
import { previewImport } from '../../app/preview-import.ts';
import {
  ImportForm,
  ImportIdParams,
  ImportList,
  ImportParams,
  ImportPreview,
  ImportSummary,
  PreviewForm,
  RejectionPage,
  RejectionsQuery,
} from '../../contract/imports.ts';
import type { Store } from '../../db/store.ts';
import { requestActor } from '../auth/authorize.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';
import { omit } from '../present.ts';

const importRoute = createRoute({
  method: 'post',
  path: '/imports/{entity}',
  tags: ['imports'],
  summary:
    'import one file of one entity (as `hotspot import ENTITY FILE`): valid rows are committed, rejected rows reported and kept for download',
  request: {
    params: ImportParams,
    body: { content: { 'multipart/form-data': { schema: ImportForm } }, required: true },
  },
  responses: {
    200: jsonResponse(
      ImportSummary,
      'the import summary; `outcome` says whether rows were rejected (or, with strict, nothing imported)',
    ),
    ...errorResponses(400, 413, 422, 500),
  },
});

const previewRoute = createRoute({
  method: 'post',
  path: '/imports/{entity}/preview',
  tags: ['imports'],
  summary: "what an import would do with the file's columns, and its first rows; changes nothing",
  request: {
    params: ImportParams,
    body: { content: { 'multipart/form-data': { schema: PreviewForm } }, required: true },
  },
  responses: {
    200: jsonResponse(ImportPreview, 'the detected preset, the column mapping and the first rows'),
    ...errorResponses(400, 413, 422, 500),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/imports',
  tags: ['imports'],
  summary: 'the latest 100 imports, newest first',
  responses: { 200: jsonResponse(ImportList, 'the import log'), ...errorResponses(500) },
});

const rejectionsRoute = createRoute({
  method: 'get',
  path: '/imports/{id}/rejections',
  tags: ['imports'],
  summary: "one page of an import's rejected rows (imports made through the API keep them)",
  request: { params: ImportIdParams, query: RejectionsQuery },
  responses: {
    200: jsonResponse(RejectionPage, 'rejected rows with line, column and reason'),
    ...errorResponses(400, 404, 500),
  },
});

const errorsRoute = createRoute({
  method: 'get',
  path: '/imports/{id}/errors',
  tags: ['imports'],
  summary:
    "every rejected row of an import as CSV: the file's own columns, then row_number, error_code, error_column, error_message",
  request: { params: ImportIdParams },
  responses: {
    200: { description: 'the error file', content: { 'text/csv': { schema: { type: 'string' } } } },
    ...errorResponses(400, 404, 500),
  },
});

/** The uploaded file's own name, reduced to safe characters (its extension picks the reader). */
function safeName(name: string, entity: string): string {
  const cleaned = basename(name)
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '');
  return cleaned || `${entity}.csv`;
}

/** `Header=field` lines from a form field. */
function mapsOf(text: string | undefined): Map<string, string> {
  return parseColumnMaps((text ?? '').split(/\r?\n/).filter((line) => line.trim() !== ''));
}

/** Writes the upload into a temporary folder, runs `use` on it, removes the folder. */
async function withUpload<T>(
  upload: { file: File; entity: string },
  use: (path: string, dir: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-api-upload-'));
  try {
    const path = join(dir, safeName(upload.file.name, upload.entity));
    await pipeline(
      Readable.fromWeb(upload.file.stream() as NodeReadableStream<Uint8Array>),
      createWriteStream(path),
    );
    return await use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const errorsUrl = (id: number): string => `/api/imports/${id}/errors`;

/**
 * POST /imports/{entity} (the rejected rows are kept in the files folder), POST
 * /imports/{entity}/preview, GET /imports, GET /imports/{id}/rejections, GET /imports/{id}/errors.
 */
export function importRoutes(store: Store, options: { filesDir: string }) {
  const { filesDir } = options;
  return createRouter()
    .openapi(previewRoute, async (c) => {
      const { entity } = c.req.valid('param');
      const form = c.req.valid('form');
      const preview = await withUpload({ file: form.file, entity }, (path) =>
        previewImport(store, {
          entity,
          path,
          preset: form.preset,
          encoding: form.encoding,
          maps: mapsOf(form.map),
        }),
      );
      return c.json({ ...preview, file: form.file.name || preview.file }, 200);
    })
    .openapi(importRoute, async (c) => {
      const { entity } = c.req.valid('param');
      const form = c.req.valid('form');
      const summary = await withUpload({ file: form.file, entity }, async (path, dir) => {
        const result = await importFile(store, {
          entity,
          path,
          preset: form.preset,
          source: form.source,
          encoding: form.encoding,
          maps: mapsOf(form.map),
          dryRun: form.dryRun,
          strict: form.strict,
          errorsPath: join(dir, 'rejected.errors.csv'),
          actor: requestActor(c),
        });
        const kept =
          result.importId !== null && result.errorFile !== null
            ? keepImportErrors({ filesDir, importId: result.importId, errorFile: result.errorFile })
            : null;
        return {
          ...result,
          errorsUrl: kept && result.importId ? errorsUrl(result.importId) : null,
        };
      });
      return c.json({ ...omit(summary, ['errorFile']), file: form.file.name || summary.file }, 200);
    })
    .openapi(listRoute, async (c) => {
      const entries = await listImportLog(store, { filesDir, limit: 100 });
      return c.json(
        {
          imports: entries.map((e) => ({
            ...omit(e, ['hasErrors']),
            errorsUrl: e.hasErrors ? errorsUrl(e.id) : null,
          })),
        },
        200,
      );
    })
    .openapi(rejectionsRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { offset, limit } = c.req.valid('query');
      return c.json(await readRejectionPage(store, { filesDir, importId: id, offset, limit }), 200);
    })
    .openapi(errorsRoute, async (c) => {
      const { id } = c.req.valid('param');
      const path = await importErrorsFile(store, { filesDir, importId: id });
      return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="import-${id}-rejected.csv"`,
        },
      });
    });
}
