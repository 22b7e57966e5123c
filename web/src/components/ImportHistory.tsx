import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ImportList as ImportListSchema } from '../../../src/contract/imports.ts';
import { api } from '../api/client.ts';
import { formatCount } from '../format.ts';
import { Card } from './Card.tsx';
import { EmptyState } from './EmptyState.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Loading } from './Loading.tsx';
import {
  entityLabel,
  formatDateTime,
  OUTCOME_LABELS,
  outcomeTone,
  type ImportLogEntry,
} from './import-labels.ts';

type ImportList = z.infer<typeof ImportListSchema>;

/** Imports shown before "Show all": the latest ones are what people come for. */
const FIRST = 10;

const COUNTS: readonly [string, (entry: ImportLogEntry) => number][] = [
  ['Rows', (e) => e.totalRows],
  ['Inserted', (e) => e.inserted],
  ['Updated', (e) => e.updated],
  ['Unchanged', (e) => e.unchanged],
  ['Rejected', (e) => e.rejected],
];

/** Every import so far, newest first, with a way to each one's rejected rows. */
export function ImportHistory({
  openRejections,
}: {
  openRejections: (entry: ImportLogEntry) => void;
}) {
  const [all, setAll] = useState(false);
  const query = useQuery({
    queryKey: ['imports'],
    queryFn: () => api.get<ImportList>('/imports'),
  });
  const imports = query.data?.imports ?? [];
  const shown = all ? imports : imports.slice(0, FIRST);
  return (
    <Card title="Import history">
      {query.isPending ? (
        <Loading label="Loading the import history…" />
      ) : query.isError ? (
        <ErrorMessage error={query.error} title="The import history" />
      ) : imports.length === 0 ? (
        <EmptyState title="No imports yet">
          <p>
            Files imported here or with <code>hotspot import</code> are listed here.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table import-history">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">When</th>
                  <th scope="col">Outcome</th>
                  {COUNTS.map(([label]) => (
                    <th key={label} scope="col" className="num">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((entry) => (
                  <tr key={entry.id}>
                    <td className="import-file-cell">
                      <div>{entry.fileName}</div>
                      <div className="muted small">
                        {entityLabel(entry.entity)} · {entry.source}
                      </div>
                    </td>
                    <td className="nowrap import-when">{formatDateTime(entry.finishedAt)}</td>
                    <td className="import-outcome-cell">
                      <span className={`badge import-outcome ${outcomeTone(entry.outcome)}`}>
                        {OUTCOME_LABELS[entry.outcome]}
                      </span>
                      {entry.rejected > 0 ? (
                        <div className="import-row-actions">
                          <button
                            type="button"
                            className="linkish"
                            onClick={() => openRejections(entry)}
                            aria-label={`Show the ${entry.rejected} rejected rows of ${entry.fileName}`}
                          >
                            Show rows
                          </button>
                          {entry.errorsUrl ? (
                            <a
                              href={entry.errorsUrl}
                              download
                              aria-label={`Download the rejected rows of ${entry.fileName} as CSV`}
                            >
                              CSV
                            </a>
                          ) : null}
                        </div>
                      ) : null}
                    </td>
                    {COUNTS.map(([label, count]) => (
                      <td key={label} className="num import-count" data-label={label}>
                        {formatCount(count(entry))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {imports.length > FIRST ? (
            <div className="row import-more">
              <button type="button" className="button" onClick={() => setAll(!all)}>
                {all
                  ? `Show the latest ${FIRST}`
                  : `Show all ${formatCount(imports.length)} imports`}
              </button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
