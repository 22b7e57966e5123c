import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import type { ImportPreview } from '../../../src/contract/imports.ts';
import { api, ApiError } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ImportDropZone } from '../components/ImportDropZone.tsx';
import { ImportHistory } from '../components/ImportHistory.tsx';
import { ImportFileOptions, type Encoding } from '../components/ImportFileOptions.tsx';
import { ImportMappingPreview } from '../components/ImportMappingPreview.tsx';
import { ImportRejections, type RejectionSource } from '../components/ImportRejections.tsx';
import { ImportResult } from '../components/ImportResult.tsx';
import {
  ENTITIES,
  ENTITY_LABELS,
  type Entity,
  type ImportLogEntry,
  type ImportSummary,
  type Preset,
} from '../components/import-labels.ts';
import { previewPart } from '../components/import-preview-file.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import './Imports.css';

type Mapping = Readonly<Record<string, string>>;

/** `Header=field` lines, as the API's `map` form field (and the CLI's --map) take them. */
function mapLines(mapping: Mapping): string {
  return Object.entries(mapping)
    .map(([header, field]) => `${header}=${field}`)
    .join('\n');
}

/** The rejections to show for an import just run: paged from the API, or a dry run's own list. */
function summaryRejections(
  summary: ImportSummary,
  preview: ImportPreview | undefined,
): RejectionSource | null {
  if (summary.rejected === 0) return null;
  if (summary.importId !== null) {
    return {
      kind: 'import',
      importId: summary.importId,
      entity: summary.entity,
      fileName: summary.file,
      errorsUrl: summary.errorsUrl,
    };
  }
  return { kind: 'dry-run', summary, headers: preview?.columns.map((c) => c.header) ?? null };
}

/**
 * Imports: choose what the file holds and the file, check the column mapping on its first rows,
 * try a dry run, import; the result with every rejected row, and the history of imports.
 */
export function ImportsPage() {
  const queryClient = useQueryClient();
  const ids = { entity: useId(), source: useId(), strict: useId() };
  const [entity, setEntity] = useState<Entity>('account');
  const [file, setFile] = useState<{ id: number; file: File } | null>(null);
  const [preset, setPreset] = useState<Preset | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('');
  const [mapping, setMapping] = useState<Mapping>({});
  const [source, setSource] = useState('');
  const [strict, setStrict] = useState(false);
  const [opened, setOpened] = useState<RejectionSource | null>(null);

  const map = mapLines(mapping);
  const preview = useQuery({
    queryKey: ['import-preview', entity, file?.id, preset, encoding, map],
    enabled: file !== null,
    queryFn: async () => {
      if (!file) throw new Error('no file chosen');
      const form = new FormData();
      form.set('file', await previewPart(file.file));
      if (preset) form.set('preset', preset);
      if (encoding) form.set('encoding', encoding);
      if (map) form.set('map', map);
      return api.upload<ImportPreview>(`/imports/${entity}/preview`, form);
    },
    // keep showing the same file's mapping while a changed mapping is previewed
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === entity && previousQuery.queryKey[2] === file?.id
        ? previous
        : undefined,
    // a preview of this file with these options: it never goes stale, whatever is imported or scored
    staleTime: 'static',
    gcTime: 60_000,
    retry: false,
  });

  const run = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file || !preview.data) throw new Error('Choose a file first.');
      const form = new FormData();
      form.set('file', file.file);
      form.set('preset', preview.data.preset);
      if (source.trim()) form.set('source', source.trim());
      if (encoding) form.set('encoding', encoding);
      form.set('dryRun', String(dryRun));
      form.set('strict', String(strict));
      if (map) form.set('map', map);
      return api.upload<ImportSummary>(`/imports/${entity}`, form);
    },
    onMutate: () => setOpened(null),
    onSuccess: async (summary) => {
      if (summary.dryRun) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['imports'] }),
        queryClient.invalidateQueries({ queryKey: ['status'] }),
      ]);
    },
  });

  const fieldHeaders = useMemo(
    () =>
      new Map(
        (preview.data?.columns ?? []).flatMap((c) =>
          c.target === null ? [] : [[c.target, c.header] as const],
        ),
      ),
    [preview.data],
  );

  useEffect(() => {
    if (!opened) return;
    const section = document.getElementById('import-rejections');
    section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    section?.focus({ preventScroll: true });
  }, [opened]);

  const chooseFile = (chosen: File) => {
    setFile((previous) => ({ id: (previous?.id ?? 0) + 1, file: chosen }));
    setPreset(null);
    setMapping({});
    run.reset();
  };
  const chooseEntity = (next: Entity) => {
    setEntity(next);
    setMapping({});
    run.reset();
  };
  const changeMapping = (header: string, field: string | null) => {
    setMapping((current) => {
      const next = { ...current };
      if (field === null || field === '') delete next[header];
      else next[header] = field;
      return next;
    });
  };

  const summary = run.data;
  const shown = opened ?? (summary ? summaryRejections(summary, preview.data) : null);
  const blocker = !file
    ? 'Choose a file to import.'
    : preview.isPending || preview.isPlaceholderData
      ? 'Checking the file…'
      : preview.isError
        ? 'The file could not be read.'
        : preview.data?.problem
          ? 'Fix the mapping problem above first.'
          : null;
  const busy = run.isPending;

  return (
    <div className="stack import-page">
      <PageHeader
        title="Imports"
        subtitle="Bring in records from your CRM, billing or support system: check how the columns map, try a dry run, then import."
      />

      <section className="card stack" aria-labelledby="import-file-title">
        <h2 id="import-file-title">Import a file</h2>
        <div className="import-choose">
          <label className="field" htmlFor={ids.entity}>
            <span>The file holds</span>
            <select
              id={ids.entity}
              data-testid="import-entity"
              value={entity}
              disabled={busy}
              onChange={(event) => chooseEntity(event.target.value as Entity)}
            >
              {ENTITIES.map((e) => (
                <option key={e} value={e}>
                  {ENTITY_LABELS[e]}
                </option>
              ))}
            </select>
          </label>
          <ImportDropZone file={file?.file ?? null} onFile={chooseFile} disabled={busy} />
        </div>

        {file === null ? null : (
          <ImportFileOptions
            preset={preset ?? preview.data?.preset ?? null}
            detected={preview.data?.detectedPreset ?? null}
            encoding={encoding}
            onPreset={setPreset}
            onEncoding={setEncoding}
          />
        )}
        {file === null ? null : preview.isPending ? (
          <Loading label="Reading the file…" />
        ) : preview.isError ? (
          <div className="stack">
            <ErrorMessage error={preview.error} title="The file could not be read" />
            {preview.error instanceof ApiError && preview.error.code === 'ENCODING' ? (
              <p className="small">
                Choose the file’s encoding above: spreadsheets saved as CSV on Windows are usually
                Windows / Latin-1.
              </p>
            ) : null}
          </div>
        ) : (
          <div className={preview.isPlaceholderData ? 'import-refreshing' : undefined}>
            <ImportMappingPreview preview={preview.data} onMap={changeMapping} />
          </div>
        )}

        <div className="import-submit-row">
          <label className="field import-source" htmlFor={ids.source}>
            <span>Source system (optional)</span>
            <input
              id={ids.source}
              value={source}
              onChange={(event) => setSource(event.target.value)}
              aria-describedby={`${ids.source}-hint`}
              autoComplete="off"
            />
            <span id={`${ids.source}-hint`} className="muted small import-hint">
              The system the records come from; by default the preset
              {preview.data ? ` (${preview.data.preset})` : ''}.
            </span>
          </label>
          <label className="import-check" htmlFor={ids.strict}>
            <input
              id={ids.strict}
              type="checkbox"
              checked={strict}
              onChange={(event) => setStrict(event.target.checked)}
            />
            <span>Strict: import nothing if any row is rejected</span>
          </label>
          <div className="row import-actions">
            <button
              type="button"
              className="button"
              data-testid="import-dry-run"
              disabled={blocker !== null || busy}
              onClick={() => run.mutate(true)}
            >
              {busy && run.variables ? 'Checking…' : 'Dry run'}
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="import-submit"
              disabled={blocker !== null || busy}
              onClick={() => run.mutate(false)}
            >
              {busy && !run.variables ? 'Importing…' : 'Import'}
            </button>
          </div>
          {blocker && file ? <p className="muted small import-blocker">{blocker}</p> : null}
        </div>
        {run.isError ? <ErrorMessage error={run.error} title="The import did not run" /> : null}
      </section>

      {summary ? <ImportResult summary={summary} /> : null}

      {shown ? (
        <ImportRejections
          key={shown.kind === 'import' ? shown.importId : 'dry-run'}
          source={shown}
          fieldHeaders={opened ? undefined : fieldHeaders}
          onClose={opened ? () => setOpened(null) : undefined}
        />
      ) : null}

      <ImportHistory
        openRejections={(entry: ImportLogEntry) =>
          setOpened({
            kind: 'import',
            importId: entry.id,
            entity: entry.entity,
            fileName: entry.fileName,
            errorsUrl: entry.errorsUrl,
          })
        }
      />
    </div>
  );
}
