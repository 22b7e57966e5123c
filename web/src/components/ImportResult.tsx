import { formatCount } from '../format.ts';
import { ModelRescore } from './ModelRescore.tsx';
import { entityLabel, type ImportSummary } from './import-labels.ts';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** The outcome as a sentence, and how it should look. */
function headline(summary: ImportSummary): { tone: 'ok' | 'warn' | 'error'; text: string } {
  const accepted = summary.rows - summary.rejected;
  const rejected = plural(summary.rejected, 'row');
  switch (summary.outcome) {
    case 'imported':
      return summary.dryRun
        ? { tone: 'ok', text: `Dry run: all ${plural(summary.rows, 'row')} would be imported.` }
        : { tone: 'ok', text: `Imported all ${plural(summary.rows, 'row')}.` };
    case 'imported_with_rejections':
      return summary.dryRun
        ? {
            tone: 'warn',
            text: `Dry run: ${plural(accepted, 'row')} would be imported and ${rejected} rejected.`,
          }
        : {
            tone: 'warn',
            text: `Imported ${plural(accepted, 'row')}; ${rejected} rejected (listed below).`,
          };
    case 'rejected_strict':
      return {
        tone: 'error',
        text: `${summary.dryRun ? 'Dry run: nothing would be imported' : 'Nothing was imported'}: ${rejected} rejected, and strict mode imports a file only when every row is valid.`,
      };
    case 'failed':
      return { tone: 'error', text: 'The import failed; nothing was imported.' };
  }
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="import-stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{formatCount(value)}</div>
    </div>
  );
}

/** What an import (or a dry run) did: the outcome in words, the counts, account matching, ignored columns. */
export function ImportResult({ summary }: { summary: ImportSummary }) {
  const { tone, text } = headline(summary);
  const { matches } = summary;
  const matched = matches.byId + matches.byDomain + matches.byName;
  const hasMatching = matched + matches.unmatched + matches.ambiguous > 0;
  const changed = !summary.dryRun && summary.inserted + summary.updated > 0;
  return (
    <section
      className="card stack"
      data-testid="import-result"
      aria-labelledby="import-result-title"
    >
      <div className="row import-card-head">
        <h2 id="import-result-title">{summary.dryRun ? 'Dry run result' : 'Import result'}</h2>
        <span className="muted small">
          {entityLabel(summary.entity)} · {summary.file} · source {summary.source}
        </span>
      </div>
      <div className={`notice ${tone}`} role="status">
        {text}
      </div>
      <div className="import-stats">
        <Stat label="Rows in the file" value={summary.rows} />
        <Stat label={summary.dryRun ? 'Would insert' : 'Inserted'} value={summary.inserted} />
        <Stat label={summary.dryRun ? 'Would update' : 'Updated'} value={summary.updated} />
        <Stat label="Unchanged" value={summary.unchanged} />
        <Stat label="Rejected" value={summary.rejected} />
      </div>
      {hasMatching ? (
        <div>
          <h3 className="import-subtitle">Matching rows to accounts</h3>
          <dl className="import-matches">
            <div>
              <dt>By account id</dt>
              <dd>{formatCount(matches.byId)}</dd>
            </div>
            <div>
              <dt>By web domain</dt>
              <dd>{formatCount(matches.byDomain)}</dd>
            </div>
            <div>
              <dt>By company name</dt>
              <dd>{formatCount(matches.byName)}</dd>
            </div>
            <div className={matches.unmatched > 0 ? 'bad' : undefined}>
              <dt>No account found</dt>
              <dd>{formatCount(matches.unmatched)}</dd>
            </div>
            <div className={matches.ambiguous > 0 ? 'bad' : undefined}>
              <dt>Several accounts fit</dt>
              <dd>{formatCount(matches.ambiguous)}</dd>
            </div>
          </dl>
        </div>
      ) : null}
      {summary.ignoredColumns.length > 0 ? (
        <p className="small">
          <span className="muted">Columns not imported: </span>
          {summary.ignoredColumns.join(', ')}
        </p>
      ) : null}
      {changed ? (
        <ModelRescore
          intro="The scores still reflect the data before this import. Score again to update the tiers."
          label="Score now"
        />
      ) : null}
    </section>
  );
}
