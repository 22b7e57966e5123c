import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { tierLabel } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { TierBadge } from './TierBadge.tsx';
import { formatTimestamp } from './AccountFormat.ts';
import { AccountOverrideForm } from './AccountOverrideForm.tsx';
import type { AccountOverride as Override } from './AccountTypes.ts';

/** The override in force (with a way to clear it) and the form to set one. */
export function AccountOverride({
  accountId,
  override,
  computedTier,
}: {
  accountId: number;
  override: Override | null;
  computedTier: string | null;
}) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const clear = useMutation({
    mutationFn: () => api.send<void>('DELETE', `/accounts/${accountId}/override`),
    onMutate: () => setNotice(null),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      setNotice('Override cleared: the tier is the computed one again.');
    },
  });
  return (
    <div className="stack">
      {override ? (
        <div className="account-current-override" data-testid="current-override">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <div className="row">
              <span className="small muted">Tier set by hand:</span>
              <TierBadge tier={override.tier} overridden />
              {computedTier && computedTier !== override.tier ? (
                <span className="small muted">(computed: {tierLabel(computedTier)})</span>
              ) : null}
            </div>
            <button
              type="button"
              className="button danger"
              onClick={() => clear.mutate()}
              disabled={clear.isPending}
            >
              {clear.isPending ? 'Clearing…' : 'Clear override'}
            </button>
          </div>
          <p className="account-override-reason">“{override.reason}”</p>
          <p className="small muted">
            {override.createdBy} · {formatTimestamp(override.createdAt)}
          </p>
        </div>
      ) : (
        <p className="muted small">
          No override: the tier comes from the scores
          {computedTier ? ` (${tierLabel(computedTier)})` : ''}. An override stays in force through
          re-scoring until someone clears it.
        </p>
      )}
      {clear.isError ? <ErrorMessage error={clear.error} title="Not cleared" /> : null}
      <AccountOverrideForm
        accountId={accountId}
        initialTier={override?.tier ?? computedTier ?? '1a'}
        basedOn={override?.revision ?? null}
        onSaving={() => setNotice(null)}
        onSaved={(saved) =>
          setNotice(
            `Override saved: ${tierLabel(saved.tier)} until someone clears it; re-scoring keeps it.`,
          )
        }
      />
      <div role="status">{notice ? <p className="notice ok">{notice}</p> : null}</div>
    </div>
  );
}
