import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { TIER_LABELS, asSentence, tierLabel } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { fieldErrorsOf, useRememberedName, withoutProblem } from './AccountFormSupport.ts';
import type { AccountOverride } from './AccountTypes.ts';

function FieldProblem({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} className="account-field-error">
      {asSentence(message)}
    </span>
  );
}

/** Set the tier by hand: tier, a reason and who decides (remembered for next time). */
export function AccountOverrideForm({
  accountId,
  initialTier,
  basedOn,
  onSaving,
  onSaved,
}: {
  accountId: number;
  initialTier: string;
  /** The revision of the override on screen (null: none): a change made meanwhile is refused. */
  basedOn: number | null;
  onSaving: () => void;
  onSaved: (override: AccountOverride) => void;
}) {
  const queryClient = useQueryClient();
  const ids = useId();
  const [tier, setTier] = useState(initialTier);
  const [reason, setReason] = useState('');
  const { name, setName, remember } = useRememberedName();
  const save = useMutation({
    mutationFn: () =>
      api.send<AccountOverride>('PUT', `/accounts/${accountId}/override`, {
        tier,
        reason,
        by: name,
        basedOn,
      }),
    onMutate: onSaving,
    onSuccess: async (override) => {
      remember(name);
      setReason('');
      // the tier shows in lists, the report and the matrix too: let every view refetch
      await queryClient.invalidateQueries();
      onSaved(override);
    },
  });
  // the same rules as the API, checked here first so an incomplete form costs no round trip
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = Object.keys(missing).length > 0 ? missing : fieldErrorsOf(save.error);
  const otherError = save.isError && Object.keys(errors).length === 0;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems['by'] = 'enter your name: overrides record who decided';
    if (!reason.trim()) problems['reason'] = 'an override needs a reason';
    setMissing(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      const field = event.currentTarget.elements.namedItem(first);
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    save.mutate();
  }

  return (
    <form className="stack account-form" data-testid="override-form" onSubmit={submit} noValidate>
      <div className="account-form-row">
        <div className="field">
          <label htmlFor={`${ids}-tier-input`}>Tier</label>
          <select
            id={`${ids}-tier-input`}
            data-testid="override-tier"
            name="tier"
            value={tier}
            onChange={(e) => setTier(e.target.value)}
            aria-invalid={errors['tier'] ? true : undefined}
            aria-describedby={errors['tier'] ? `${ids}-tier` : undefined}
          >
            {Object.keys(TIER_LABELS).map((t) => (
              <option key={t} value={t}>
                {tierLabel(t)}
              </option>
            ))}
          </select>
          <FieldProblem id={`${ids}-tier`} message={errors['tier']} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-by-input`}>Your name</label>
          <input
            id={`${ids}-by-input`}
            data-testid="override-by"
            name="by"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setMissing((p) => withoutProblem(p, 'by'));
            }}
            autoComplete="name"
            aria-required="true"
            aria-invalid={errors['by'] ? true : undefined}
            aria-describedby={errors['by'] ? `${ids}-by` : undefined}
          />
          <FieldProblem id={`${ids}-by`} message={errors['by']} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-reason-input`}>Reason</label>
        <textarea
          id={`${ids}-reason-input`}
          data-testid="override-reason"
          name="reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing((p) => withoutProblem(p, 'reason'));
          }}
          rows={2}
          placeholder="e.g. strategic logo; board-level relationship"
          aria-required="true"
          aria-invalid={errors['reason'] ? true : undefined}
          aria-describedby={errors['reason'] ? `${ids}-reason` : undefined}
        />
        <FieldProblem id={`${ids}-reason`} message={errors['reason']} />
      </div>
      {otherError ? <ErrorMessage error={save.error} title="The override was not saved" /> : null}
      <div className="row">
        <button
          type="submit"
          className="button primary"
          data-testid="override-save"
          disabled={save.isPending}
        >
          {save.isPending ? 'Saving…' : 'Save override'}
        </button>
      </div>
    </form>
  );
}
