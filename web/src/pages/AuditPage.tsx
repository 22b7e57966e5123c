import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditEntry, AuditLog } from '../../../src/contract/audit.ts';
import { api, ApiError } from '../api/client.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatCount } from '../format.ts';

/** Entries asked for at a time; "Show more" asks for the next step. */
const STEP = 200;

const ACTION_LABELS: Record<string, string> = {
  import: 'Imported a file',
  'model.save': 'Saved a model version',
  'run.score': 'Scored the accounts',
  'override.set': 'Set a tier override',
  'override.clear': 'Cleared a tier override',
  'answers.save': 'Answered assessment questions',
  'account.assign': 'Assigned an account',
  'account.unassign': 'Unassigned an account',
  'user.add': 'Added a user',
  'user.role': 'Changed a role',
  'user.disable': 'Disabled a user',
  'user.enable': 'Enabled a user',
  'token.create': 'Created an API token',
  'token.revoke': 'Revoked an API token',
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : when.format(date);
}

/** A value as one short line of text. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatCount(value);
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Line = { key: string; before: string | null; after: string | null };

/** What changed, one line per field: its value before and after (null where there was none). */
function changedLines(entry: AuditEntry): Line[] {
  const { before, after } = entry;
  if (!isRecord(before) && !isRecord(after))
    return [
      {
        key: '',
        before: before == null ? null : show(before),
        after: after == null ? null : show(after),
      },
    ];
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter(
      (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) || !isRecord(before) || !isRecord(after),
    )
    .map((k) => ({
      key: k,
      before: isRecord(before) ? show(b[k]) : null,
      after: isRecord(after) ? show(a[k]) : null,
    }));
}

function Change({ entry }: { entry: AuditEntry }) {
  const lines = changedLines(entry);
  if (lines.length === 0) return <span className="muted">no difference</span>;
  return (
    <ul className="audit-change" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {lines.map((line) => (
        <li key={line.key || 'value'}>
          {line.key ? <span className="muted">{line.key}: </span> : null}
          {line.before !== null ? <del>{line.before}</del> : null}
          {line.before !== null && line.after !== null ? ' → ' : null}
          {line.after !== null ? <ins style={{ textDecoration: 'none' }}>{line.after}</ins> : null}
        </li>
      ))}
    </ul>
  );
}

/** The audit log (admins): every change with who, when, and the values before and after. */
export function AuditPage() {
  const [since, setSince] = useState('');
  const [limit, setLimit] = useState(STEP);
  const query = useQuery({
    queryKey: ['audit', since, limit],
    queryFn: () => api.get<AuditLog>('/audit', { since, limit }),
  });
  const entries = query.data?.entries ?? [];
  const forbidden = query.error instanceof ApiError && query.error.code === 'FORBIDDEN';
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every import, model version, scoring run, override, answer, user and token change: who, when, and what before and after."
      />
      <Card
        title="Changes, newest first"
        actions={
          <label className="field" style={{ flexDirection: 'row', alignItems: 'center' }}>
            <span>Since</span>
            <input
              type="date"
              value={since}
              onChange={(e) => {
                setSince(e.target.value);
                setLimit(STEP);
              }}
              aria-label="Show changes since this day"
            />
            {since ? (
              <button type="button" className="button" onClick={() => setSince('')}>
                All
              </button>
            ) : null}
          </label>
        }
      >
        {query.isPending ? (
          <Loading label="Loading the audit log…" />
        ) : forbidden ? (
          <div className="notice warn" role="alert">
            Only admins can read the audit log.
          </div>
        ) : query.isError ? (
          <ErrorMessage error={query.error} title="The audit log" />
        ) : entries.length === 0 ? (
          <EmptyState title={since ? `No changes since ${since}` : 'No changes recorded yet'}>
            <p>
              Changes made in the app or with the <code>hotspot</code> command are listed here (also{' '}
              <code>hotspot audit</code>).
            </p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table audit-log">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">Entity</th>
                    <th scope="col">Before → after</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td className="nowrap" title={entry.occurredAt}>
                        {formatWhen(entry.occurredAt)}
                      </td>
                      <td>{entry.actor}</td>
                      <td>
                        <div>{ACTION_LABELS[entry.action] ?? entry.action}</div>
                        <div className="muted small">{entry.action}</div>
                      </td>
                      <td className="nowrap">
                        {entry.entity}
                        {entry.entityId !== null ? ` ${entry.entityId}` : ''}
                      </td>
                      <td className="small">
                        <Change entry={entry} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {entries.length >= limit ? (
              <div className="row" style={{ marginTop: 12 }}>
                <button type="button" className="button" onClick={() => setLimit(limit + STEP)}>
                  Show {STEP} more
                </button>
              </div>
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}
