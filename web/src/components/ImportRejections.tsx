import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RejectionPage } from '../../../src/contract/imports.ts';
import { api } from '../api/client.ts';
import { formatCount } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Loading } from './Loading.tsx';
import { entityLabel, type ImportSummary, type Rejection } from './import-labels.ts';

const PAGE_SIZE = 50;

/** Whose rejected rows to show: a stored import (paged from the API) or a dry run's summary. */
export type RejectionSource =
  | {
      kind: 'import';
      importId: number;
      entity: string;
      fileName: string;
      errorsUrl: string | null;
    }
  | { kind: 'dry-run'; summary: ImportSummary; headers: readonly string[] | null };

function RejectionTable({
  headers,
  rows,
  fieldHeaders,
}: {
  headers: readonly string[];
  rows: readonly Rejection[];
  fieldHeaders: ReadonlyMap<string, string>;
}) {
  const width = Math.max(headers.length, ...rows.map((r) => r.original.length));
  const names = Array.from({ length: width }, (_, i) => headers[i] ?? `Column ${i + 1}`);
  return (
    <div className="table-wrap import-rejection-table">
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Field</th>
            <th scope="col" className="import-reason">
              Reason
            </th>
            {names.map((name, i) => (
              <th key={`${i}-${name}`} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const culprit = fieldHeaders.get(row.column) ?? row.column;
            return (
              <tr key={`${row.rowNumber}-${row.column}-${row.code}`}>
                <td className="num">{row.rowNumber}</td>
                <td>
                  <code>{row.column || '—'}</code>
                </td>
                <td className="import-reason">{row.message}</td>
                {names.map((name, i) => (
                  <td
                    key={`${i}-${name}`}
                    className={`import-cell${name === culprit ? ' culprit' : ''}`}
                  >
                    {row.original[i] ?? ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function StoredRejections({
  importId,
  fieldHeaders,
}: {
  importId: number;
  fieldHeaders: ReadonlyMap<string, string>;
}) {
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: ['import-rejections', importId, offset],
    queryFn: () =>
      api.get<RejectionPage>(`/imports/${importId}/rejections`, { limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (query.isPending) return <Loading label="Loading the rejected rows…" />;
  if (query.isError) return <ErrorMessage error={query.error} title="The rejected rows" />;
  const page = query.data;
  const last = Math.min(offset + page.rows.length, page.total);
  return (
    <div className="stack">
      <RejectionTable headers={page.headers} rows={page.rows} fieldHeaders={fieldHeaders} />
      <nav className="row import-pager" aria-label="Rejected rows pages">
        <span className="muted small" aria-live="polite">
          {page.total === 0
            ? 'No rejected rows'
            : `Rows ${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(page.total)}`}
          {query.isFetching ? ' · loading…' : ''}
        </span>
        <button
          type="button"
          className="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          Previous
        </button>
        <button
          type="button"
          className="button"
          disabled={offset + PAGE_SIZE >= page.total}
          onClick={() => setOffset(offset + PAGE_SIZE)}
        >
          Next
        </button>
      </nav>
    </div>
  );
}

/**
 * Every rejected row: its line in the file, the field, the reason and the row as it was in the
 * file (the offending value highlighted), with the download of all of them as CSV.
 */
export function ImportRejections({
  source,
  fieldHeaders = new Map(),
  onClose,
}: {
  source: RejectionSource;
  /** Which file column fills each field, to highlight the value a row was rejected for. */
  fieldHeaders?: ReadonlyMap<string, string>;
  onClose?: () => void;
}) {
  const fileName = source.kind === 'import' ? source.fileName : source.summary.file;
  const entity = source.kind === 'import' ? source.entity : source.summary.entity;
  const errorsUrl = source.kind === 'import' ? source.errorsUrl : source.summary.errorsUrl;
  return (
    <section
      className="card stack"
      data-testid="import-rejections"
      aria-labelledby="import-rejections-title"
      tabIndex={-1}
      id="import-rejections"
    >
      <div className="row import-card-head">
        <h2 id="import-rejections-title">
          Rejected rows <span className="muted">· {fileName}</span>
        </h2>
        <div className="row">
          {errorsUrl ? (
            <a className="button" href={errorsUrl} download>
              Download rejected rows (CSV)
            </a>
          ) : null}
          {onClose ? (
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          ) : null}
        </div>
      </div>
      <p className="muted small">
        {entityLabel(entity)} file. Line numbers count the header as line 1. Fix these rows in the
        file and import it again: rows already imported stay as they are.
      </p>
      {source.kind === 'import' ? (
        <StoredRejections importId={source.importId} fieldHeaders={fieldHeaders} />
      ) : (
        <>
          <RejectionTable
            headers={source.headers ?? []}
            rows={source.summary.rejections}
            fieldHeaders={fieldHeaders}
          />
          {source.summary.rejected > source.summary.rejections.length ? (
            <p className="muted small">
              The first {formatCount(source.summary.rejections.length)} of{' '}
              {formatCount(source.summary.rejected)} rejected rows. A dry run keeps no list of them:
              import the file to get every rejected row as CSV.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
