import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import type { z } from 'zod';
import type {
  ModelBacktest,
  ModelPreview,
  ModelResponse as ModelResponseSchema,
} from '../../../src/contract/model.ts';
import { api } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/import-labels.ts';
import { Loading } from '../components/Loading.tsx';
import {
  ModelEditor,
  type ModelValidation,
  type ValidationState,
} from '../components/ModelEditor.tsx';
import { BacktestHistory } from '../components/BacktestHistory.tsx';
import { ModelBacktestPanel } from '../components/ModelBacktestPanel.tsx';
import { ModelPreviewPanel } from '../components/ModelPreviewPanel.tsx';
import { ModelRescore } from '../components/ModelRescore.tsx';
import { ModelVersions } from '../components/ModelVersions.tsx';
import { ModelWeights } from '../components/ModelWeights.tsx';
import {
  readModelWeights,
  setModelNumber,
  setTierMode,
  type TierSettings,
  type YamlPath,
} from '../components/model-document.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import './Model.css';

type ModelResponse = z.infer<typeof ModelResponseSchema>;

/** Remembered between visits: whoever saves a model or an override is usually the same person. */
const NAME_KEY = 'hotspot.by';
const VALIDATE_AFTER_MS = 400;

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

function readName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // private browsing may refuse storage: the name is then asked again next time
  }
}

function versionLine(model: ModelResponse): string {
  // an older server answers without the version fields: that is the built-in model too
  const version = model.version ?? null;
  if (version === null) return `Built-in default model “${model.name}”`;
  const by = model.savedBy ? ` by ${model.savedBy}` : '';
  const at = model.savedAt ? ` on ${formatDateTime(model.savedAt)}` : '';
  return `Version ${version} “${model.name}”, saved${by}${at}`;
}

/** The editor for the model in force: the weights form and the document, kept in step. */
function ModelWorkspace({ model }: { model: ModelResponse }) {
  const queryClient = useQueryClient();
  const nameId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [by, setBy] = useState(readName);
  const text = draft ?? model.yaml;
  const dirty = text !== model.yaml;

  const checkedText = useDebounced(text, VALIDATE_AFTER_MS);
  const validation = useQuery({
    queryKey: ['model-validate', checkedText],
    queryFn: () => api.send<ModelValidation>('POST', '/model/validate', { document: checkedText }),
    placeholderData: keepPreviousData,
    // a check of this very text: it never goes stale, and scoring or saving does not change it
    staleTime: 'static',
  });
  const current = checkedText === text && !validation.isPlaceholderData;
  const state: ValidationState =
    validation.isError && current
      ? { kind: 'error', error: validation.error }
      : validation.data && current
        ? { kind: 'checked', result: validation.data }
        : { kind: 'checking' };
  const valid = state.kind === 'checked' && state.result.valid;

  const weights = useMemo(() => readModelWeights(text), [text]);

  const preview = useMutation({
    mutationFn: (document: string) =>
      api.send<ModelPreview>('POST', '/model/preview', { document }),
  });
  const backtest = useMutation({
    mutationFn: (document: string) =>
      api.send<ModelBacktest>('POST', '/model/backtest', { document }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['backtests'] }),
  });
  const save = useMutation({
    mutationFn: (request: { document: string; by: string }) =>
      api.send<ModelResponse>('POST', '/model/versions', request),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['model'], saved);
      setDraft(null);
      preview.reset();
      await queryClient.invalidateQueries({ queryKey: ['model-versions'] });
    },
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = (next: string) => {
    setDraft(next);
    if (save.isSuccess) save.reset();
  };
  const setNumber = (path: YamlPath, value: number) => edit(setModelNumber(text, path, value));
  const changeTierMode = (mode: TierSettings['mode']) => edit(setTierMode(text, mode));

  const saveBlocker = !dirty
    ? 'No changes to save.'
    : state.kind !== 'checked'
      ? 'Checking the model…'
      : !valid
        ? 'Fix the problems in the document first.'
        : by.trim() === ''
          ? 'Enter your name to save.'
          : null;

  return (
    <div className="stack model-page">
      <PageHeader
        title="Scoring model"
        subtitle={
          <>
            {versionLine(model)} · fingerprint <code>{model.hash}</code>
          </>
        }
      />

      <section className="card model-toolbar" aria-label="Model actions">
        <div className="row model-toolbar-state">
          {dirty ? (
            <span className="badge model-dirty">Unsaved changes</span>
          ) : (
            <span className="muted small">No changes yet: edit the weights or the document.</span>
          )}
        </div>
        <div className="row model-toolbar-actions">
          <button
            type="button"
            className="button"
            disabled={!dirty || save.isPending}
            onClick={() => {
              setDraft(null);
              preview.reset();
            }}
          >
            Discard changes
          </button>
          <button
            type="button"
            className="button"
            data-testid="model-preview"
            disabled={!valid || preview.isPending}
            onClick={() => preview.mutate(text)}
            title={valid ? undefined : 'Available when the model is valid'}
          >
            {preview.isPending ? 'Previewing…' : 'Preview tier changes'}
          </button>
          <button
            type="button"
            className="button"
            data-testid="model-backtest"
            disabled={!valid || backtest.isPending}
            onClick={() => backtest.mutate(text)}
            title={
              valid
                ? 'Score as of 12 months ago with each model and measure the growth since'
                : 'Available when the model is valid'
            }
          >
            {backtest.isPending ? 'Backtesting…' : 'Backtest beside the saved model'}
          </button>
          <label className="model-name" htmlFor={nameId}>
            <span>Your name</span>
            <input
              id={nameId}
              value={by}
              autoComplete="name"
              onChange={(event) => {
                setBy(event.target.value);
                rememberName(event.target.value.trim());
              }}
            />
          </label>
          <button
            type="button"
            className="button primary"
            data-testid="model-save"
            disabled={saveBlocker !== null || save.isPending}
            onClick={() => save.mutate({ document: text, by: by.trim() })}
            title={saveBlocker ?? undefined}
          >
            {save.isPending ? 'Saving…' : 'Save as new version'}
          </button>
        </div>
        {dirty && saveBlocker && saveBlocker !== 'Checking the model…' ? (
          <p className="muted small model-blocker">{saveBlocker}</p>
        ) : null}
      </section>

      {save.isError ? <ErrorMessage error={save.error} title="The model was not saved" /> : null}
      {save.isSuccess ? (
        <section className="card stack" aria-label="Saved">
          <div className="notice ok" role="status">
            Saved as version {save.data.version ?? '—'}: it is the model in force from now on. The
            scores still come from the previous model until the accounts are scored again.
          </div>
          <ModelRescore label="Re-score now" />
        </section>
      ) : null}

      {preview.isError ? (
        <ErrorMessage error={preview.error} title="The preview did not run" />
      ) : null}
      {preview.isSuccess ? (
        <ModelPreviewPanel preview={preview.data} stale={preview.variables !== text} />
      ) : null}
      {backtest.isPending ? <Loading label="Scoring both models as of 12 months ago…" /> : null}
      {backtest.isError ? (
        <ErrorMessage error={backtest.error} title="The backtest did not run" />
      ) : null}
      {backtest.isSuccess ? (
        <ModelBacktestPanel result={backtest.data} stale={backtest.variables !== text} />
      ) : null}

      <div className="model-layout">
        <section className="card" aria-labelledby="model-weights-title">
          <h2 id="model-weights-title">Weights and tiers</h2>
          {weights.ok ? (
            <ModelWeights view={weights.view} onSet={setNumber} onTierMode={changeTierMode} />
          ) : (
            <div className="notice warn">
              The document is not readable YAML, so its weights cannot be shown here. Fix it in the
              document: <span className="model-yaml-error">{weights.error}</span>
            </div>
          )}
        </section>
        <section className="card model-document" aria-labelledby="model-document-title">
          <h2 id="model-document-title">Document</h2>
          <ModelEditor text={text} onChange={edit} validation={state} />
        </section>
      </div>

      <ModelVersions current={model.version ?? null} />
      <BacktestHistory />
    </div>
  );
}

/**
 * The scoring model: its weights and tier rules as a form and as the YAML document, validated as
 * you type; preview how tiers would move, save it as a new version and score again.
 */
export function ModelPage() {
  const model = useQuery({
    queryKey: ['model'],
    queryFn: () => api.get<ModelResponse>('/model'),
  });
  if (model.isPending) {
    return (
      <>
        <PageHeader title="Scoring model" />
        <Loading label="Loading the model…" />
      </>
    );
  }
  if (model.isError) {
    return (
      <>
        <PageHeader title="Scoring model" />
        <ErrorMessage error={model.error} title="The model could not be loaded" />
      </>
    );
  }
  return <ModelWorkspace model={model.data} />;
}
