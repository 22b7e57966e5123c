import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { AccountAnswersForm } from '../components/AccountAnswersForm.tsx';
import { AccountCompetitors } from '../components/AccountCompetitors.tsx';
import { AccountContacts } from '../components/AccountContacts.tsx';
import { AccountContracts } from '../components/AccountContracts.tsx';
import { AccountDeals } from '../components/AccountDeals.tsx';
import { AccountExplanation } from '../components/AccountExplanation.tsx';
import { AccountHistory } from '../components/AccountHistory.tsx';
import { AccountInvoices } from '../components/AccountInvoices.tsx';
import { AccountOverride } from '../components/AccountOverride.tsx';
import { AccountScores } from '../components/AccountScores.tsx';
import { AccountSummary } from '../components/AccountSummary.tsx';
import { AccountTickets } from '../components/AccountTickets.tsx';
import type { AccountDetail } from '../components/AccountTypes.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import './AccountPage.css';

const SECTIONS = [
  ['scores', 'Scores'],
  ['override', 'Override'],
  ['explanation', 'Explanation'],
  ['assessment', 'Assessment'],
  ['history', 'History'],
  ['contacts', 'Contacts'],
  ['deals', 'Deals'],
  ['contracts', 'Contracts'],
  ['invoices', 'Invoices'],
  ['tickets', 'Tickets'],
  ['competitors', 'Competitors'],
] as const;

type SectionId = (typeof SECTIONS)[number][0];

/** A card with an anchor the section links jump to. */
function Section({
  id,
  title,
  actions,
  children,
}: {
  id: SectionId;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div id={id} className="account-section">
      <Card title={title} actions={actions}>
        {children}
      </Card>
    </div>
  );
}

function SectionLinks() {
  return (
    <nav className="account-section-links" aria-label="Sections of this page">
      {SECTIONS.map(([id, label]) => (
        <a key={id} href={`#${id}`}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function RunPicker({
  history,
  run,
  onChange,
}: {
  history: AccountDetail['history'];
  run: string | null;
  onChange: (run: string | null) => void;
}) {
  const id = useId();
  const runs = [...history].reverse();
  const listed = run === null || runs.some((h) => String(h.runId) === run);
  return (
    <div className="field account-run-picker">
      <label htmlFor={id}>Scoring run</label>
      <select id={id} value={run ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">Latest run</option>
        {runs.map((h) => (
          <option key={h.runId} value={h.runId}>
            #{h.runId} · as of {h.asOf}
            {h.stage ? ` · ${h.stage}` : ''}
          </option>
        ))}
        {listed ? null : <option value={run ?? ''}>#{run} (did not score this account)</option>}
      </select>
    </div>
  );
}

function AccountNotFound({ id }: { id: string }) {
  return (
    <>
      <PageHeader title="Account not found" />
      <EmptyState title={`No account with id ${id}`}>
        <p>
          It may have been merged or removed by an import.{' '}
          <Link to="/accounts">Back to the accounts</Link>
        </p>
      </EmptyState>
    </>
  );
}

function AccountView({
  detail,
  run,
  loadingRun,
  onRunChange,
}: {
  detail: AccountDetail;
  run: string | null;
  loadingRun: boolean;
  onRunChange: (run: string | null) => void;
}) {
  const { account, explanation } = detail;
  const shownRun = explanation?.run ?? null;
  // oldest first, whatever order the API lists them in
  const history = [...detail.history].sort((a, b) => a.runId - b.runId);
  return (
    <div className="account-page">
      <PageHeader
        title={account.name}
        subtitle={
          <>
            {account.externalId} · source {account.source}
            {shownRun ? (
              <>
                {' '}
                · scores from run #{shownRun.id}, as of {shownRun.asOf}
                {shownRun.stage ? `, ${shownRun.stage} stage` : ''}
              </>
            ) : null}
          </>
        }
        actions={
          <>
            {history.length > 0 || run ? (
              <RunPicker history={history} run={run} onChange={onRunChange} />
            ) : null}
            <Link className="button" to="/accounts">
              All accounts
            </Link>
          </>
        }
      />
      {loadingRun ? <Loading label="Loading the run…" /> : null}
      <div className="stack" aria-busy={loadingRun}>
        <AccountSummary detail={detail} />
        <SectionLinks />
        <div className="account-columns">
          <Section id="scores" title="Scores">
            {explanation ? (
              <AccountScores explanation={explanation} />
            ) : (
              <EmptyState title="No scores in this run">
                <p>
                  The account was probably added after this run. The next scoring run includes it.
                </p>
              </EmptyState>
            )}
          </Section>
          <Section id="override" title="Tier override">
            <AccountOverride
              accountId={account.id}
              override={detail.override}
              computedTier={explanation?.account.computedTier ?? null}
            />
          </Section>
          <Section id="explanation" title="Why these scores">
            {explanation ? (
              <AccountExplanation explanation={explanation} />
            ) : (
              <EmptyState title="Nothing to explain yet" />
            )}
          </Section>
          <Section id="assessment" title="Assessment">
            <p className="small muted account-section-intro">
              The owner{account.owner ? ` (${account.owner.name})` : ''} keeps these answers
              current; they feed the need and behavior scores.
            </p>
            <AccountAnswersForm
              accountId={account.id}
              answers={detail.assessmentAnswers}
              onScored={() => onRunChange(null)}
            />
          </Section>
        </div>
        <Section id="history" title="Score history">
          {history.length > 0 ? (
            <AccountHistory
              accountId={account.id}
              history={history}
              shownRunId={shownRun?.id ?? null}
            />
          ) : (
            <EmptyState title="No scoring run has scored this account yet" />
          )}
        </Section>
        <Section id="contacts" title={`Contacts (${detail.contacts.length})`}>
          <AccountContacts contacts={detail.contacts} />
        </Section>
        <div className="account-columns even">
          <Section id="deals" title={`Deals (${detail.deals.length})`}>
            <AccountDeals deals={detail.deals} />
          </Section>
          <Section id="contracts" title={`Contracts (${detail.contracts.length})`}>
            <AccountContracts contracts={detail.contracts} />
          </Section>
          <Section id="invoices" title={`Invoices (${detail.invoices.total})`}>
            <AccountInvoices invoices={detail.invoices} />
          </Section>
          <Section id="tickets" title={`Support tickets (${detail.tickets.total})`}>
            <AccountTickets tickets={detail.tickets} />
          </Section>
        </div>
        <Section
          id="competitors"
          title={`Competitor sightings (${detail.competitorSightings.length})`}
        >
          <AccountCompetitors sightings={detail.competitorSightings} />
        </Section>
      </div>
    </div>
  );
}

/** One account: who it is, its scores explained, the override, assessment answers, history and records. */
export function AccountPage() {
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const run = searchParams.get('run');
  const validId = /^[1-9]\d*$/.test(id);
  const detail = useQuery({
    queryKey: ['account', id, run ?? 'latest'],
    queryFn: () => api.get<AccountDetail>(`/accounts/${id}`, { run }),
    enabled: validId,
    // switching runs keeps the page in place instead of flashing the loading state
    placeholderData: (previous) => (previous?.account.id === Number(id) ? previous : undefined),
  });

  const changeRun = (next: string | null) =>
    setSearchParams((params) => {
      if (next) params.set('run', next);
      else params.delete('run');
      return params;
    });

  if (!validId) return <AccountNotFound id={id} />;
  if (detail.isPending) {
    return (
      <>
        <PageHeader title="Account" />
        <Loading label="Loading the account…" />
      </>
    );
  }
  if (detail.isError) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    if (notFound && !run) return <AccountNotFound id={id} />;
    return (
      <>
        <PageHeader title="Account" />
        <div className="stack">
          <ErrorMessage error={detail.error} title="The account could not be loaded" />
          <p className="row">
            {run ? (
              <button type="button" className="button" onClick={() => changeRun(null)}>
                Show the latest run instead
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void detail.refetch()}>
                Try again
              </button>
            )}
            <Link to="/accounts">Back to the accounts</Link>
          </p>
        </div>
      </>
    );
  }
  return (
    <AccountView
      key={id}
      detail={detail.data}
      run={run}
      loadingRun={detail.isPlaceholderData}
      onRunChange={changeRun}
    />
  );
}
