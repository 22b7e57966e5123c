import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { asSentence, formatMoney } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Loading } from './Loading.tsx';
import { AccountAnswerHistory } from './AccountAnswerHistory.tsx';
import { fieldErrorsOf, useRememberedName, withoutProblem } from './AccountFormSupport.ts';
import type {
  AccountAnswerList,
  AccountDetail,
  AccountQuestion,
  AccountQuestionList,
} from './AccountTypes.ts';
import { useScoreNow } from './use-score-now.ts';

type Answer = AccountDetail['assessmentAnswers'][number];

const LIKERT = [1, 2, 3, 4, 5] as const;

/** The question without its "(1–5)" or "(money)" suffix: the input already says how to answer. */
function questionLabel(text: string): string {
  return text.replace(/\s*\((?:1[–-]5|money)\)\s*$/, '');
}

/** The newest answer per question (latest day, then the latest record of that day). */
function latestAnswers(answers: Answer[]): Map<string, Answer> {
  const latest = new Map<string, Answer>();
  for (const answer of answers) {
    const seen = latest.get(answer.questionId);
    const newer =
      !seen ||
      answer.answeredOn > seen.answeredOn ||
      (answer.answeredOn === seen.answeredOn && answer.id > seen.id);
    if (newer) latest.set(answer.questionId, answer);
  }
  return latest;
}

function LastAnswer({ answer, kind }: { answer: Answer | undefined; kind: string }) {
  if (!answer) return <span className="small muted">Not answered yet</span>;
  const value = kind === 'money' ? formatMoney(answer.answer) : String(answer.answer);
  return (
    <span className="small muted">
      Last answer: {value} · {answer.answeredOn}
      {answer.answeredBy ? ` · ${answer.answeredBy}` : ''}
    </span>
  );
}

function QuestionField({
  question,
  value,
  onChange,
  last,
  error,
}: {
  question: AccountQuestion;
  value: string;
  onChange: (value: string) => void;
  last: Answer | undefined;
  error: string | undefined;
}) {
  const id = useId();
  const described = [`${id}-last`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset className="account-question" aria-describedby={described}>
      <legend>{questionLabel(question.text)}</legend>
      {question.kind === 'likert' ? (
        <div className="account-likert">
          {LIKERT.map((n) => (
            <label key={n} className="account-likert-option">
              <input
                type="radio"
                name={`${id}-likert`}
                value={n}
                checked={value === String(n)}
                onChange={() => onChange(String(n))}
              />
              <span>{n}</span>
            </label>
          ))}
        </div>
      ) : (
        <label className="account-money-input">
          <span aria-hidden="true">$</span>
          <input
            type="number"
            name={question.id}
            inputMode="decimal"
            min={0}
            step={1000}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-label={`${questionLabel(question.text)}, US dollars per year`}
            aria-invalid={error ? true : undefined}
          />
          <span className="small muted">per year</span>
        </label>
      )}
      <span id={`${id}-last`} className="account-last-answer">
        <LastAnswer answer={last} kind={question.kind} />
      </span>
      {error ? (
        <span id={`${id}-error`} className="account-field-error">
          {asSentence(error)}
        </span>
      ) : null}
    </fieldset>
  );
}

/** The assessment answers, editable: only changed answers are sent, and the next run scores with them. */
export function AccountAnswersForm({
  accountId,
  answers,
  onScored,
}: {
  accountId: number;
  answers: Answer[];
  onScored: () => void;
}) {
  const queryClient = useQueryClient();
  const byId = useId();
  const questions = useQuery({
    queryKey: ['questions'],
    queryFn: () => api.get<AccountQuestionList>('/questions'),
    // the questions are fixed: nothing saved or scored changes them
    staleTime: 'static',
  });
  const latest = latestAnswers(answers);
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries([...latest].map(([id, a]) => [id, String(a.answer)])),
  );
  const { name, setName, remember } = useRememberedName();

  const changed = (questions.data?.questions ?? [])
    .filter((q) => {
      const text = draft[q.id]?.trim() ?? '';
      return text !== '' && Number(text) !== latest.get(q.id)?.answer;
    })
    .map((q) => ({ questionId: q.id, answer: Number(draft[q.id]) }));

  const save = useMutation({
    mutationFn: (sent: typeof changed) =>
      api.send<AccountAnswerList>('PUT', `/accounts/${accountId}/answers`, {
        answers: sent,
        by: name,
        // the answers on screen: one given meanwhile by someone else is not overwritten
        basedOn: Object.fromEntries(
          sent.map((a) => [a.questionId, latest.get(a.questionId)?.id ?? null]),
        ),
      }),
    onSuccess: async () => {
      remember(name);
      await queryClient.invalidateQueries();
    },
  });
  const score = useScoreNow(onScored);

  // checked here first (the API checks again); keys are question ids and `by`
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  // the API names answers by their index in the request: map them back to the question
  const problems = fieldErrorsOf(save.error);
  const errorFor = (questionId: string): string | undefined => {
    if (invalid[questionId]) return invalid[questionId];
    const index = save.variables?.findIndex((a) => a.questionId === questionId) ?? -1;
    return index < 0
      ? undefined
      : (problems[`answers.${index}.answer`] ?? problems[`answers.${index}`]);
  };
  const byError = invalid['by'] ?? problems['by'];
  const unplaced =
    save.isError && !problems['by'] && !Object.keys(problems).some((k) => k.startsWith('answers.'));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const answer of changed) {
      if (!Number.isFinite(answer.answer) || answer.answer < 0) {
        found[answer.questionId] = 'enter an amount of 0 or more';
      }
    }
    if (!name.trim()) found['by'] = 'enter your name: answers record who gave them';
    setInvalid(found);
    const first = Object.keys(found)[0];
    if (first) {
      const field = event.currentTarget.elements.namedItem(first);
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    score.reset();
    save.mutate(changed);
  }

  const history =
    answers.length > 0 ? (
      <AccountAnswerHistory answers={answers} questions={questions.data?.questions ?? []} />
    ) : null;
  if (questions.isPending) return <Loading label="Loading the questions…" />;
  if (questions.isError) {
    return (
      <div className="stack">
        <ErrorMessage
          error={questions.error}
          title="The assessment questions could not be loaded"
        />
        {history}
      </div>
    );
  }

  return (
    <div className="stack">
      <form className="stack account-form" data-testid="answers-form" onSubmit={submit} noValidate>
        <p className="small muted account-note">
          Agreement questions: 1 = strongly disagree, 5 = strongly agree.
        </p>
        {questions.data.questions.map((q) => (
          <QuestionField
            key={q.id}
            question={q}
            value={draft[q.id] ?? ''}
            onChange={(value) => setDraft((d) => ({ ...d, [q.id]: value }))}
            last={latest.get(q.id)}
            error={errorFor(q.id)}
          />
        ))}
        <div className="account-form-row">
          <div className="field">
            <label htmlFor={`${byId}-input`}>Your name</label>
            <input
              id={`${byId}-input`}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setInvalid((p) => withoutProblem(p, 'by'));
              }}
              name="by"
              autoComplete="name"
              aria-required="true"
              aria-invalid={byError ? true : undefined}
              aria-describedby={byError ? byId : undefined}
            />
            {byError ? (
              <span id={byId} className="account-field-error">
                {asSentence(byError)}
              </span>
            ) : null}
          </div>
        </div>
        {unplaced ? <ErrorMessage error={save.error} title="The answers were not saved" /> : null}
        <div role="status">
          {save.isSuccess && !score.isSuccess ? (
            <div className="notice ok row" style={{ justifyContent: 'space-between' }}>
              <span>Saved. The next scoring run uses these answers.</span>
              <button
                type="button"
                className="button"
                onClick={() => score.mutate()}
                disabled={score.isPending}
              >
                {score.isPending ? 'Scoring…' : 'Score now'}
              </button>
            </div>
          ) : null}
          {score.isSuccess ? (
            <p className="notice ok">
              Scored: run #{score.data.id} (as of {score.data.asOf}) uses the new answers, and the
              page shows it.
            </p>
          ) : null}
        </div>
        {score.isError ? <ErrorMessage error={score.error} title="Scoring failed" /> : null}
        <div className="row">
          <button
            type="submit"
            className="button primary"
            disabled={save.isPending || changed.length === 0}
          >
            {save.isPending ? 'Saving…' : 'Save answers'}
          </button>
          {changed.length === 0 ? (
            <span className="small muted">Change an answer to save.</span>
          ) : (
            <span className="small muted">
              {changed.length === 1 ? '1 answer changed' : `${changed.length} answers changed`}
            </span>
          )}
        </div>
      </form>
      {history}
    </div>
  );
}
