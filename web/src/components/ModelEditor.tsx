import { useId, useRef } from 'react';
import type { z } from 'zod';
import type { ValidateModelResponse as ValidateModelResponseSchema } from '../../../src/contract/model.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { locateModelPath } from './model-document.ts';

export type ModelValidation = z.infer<typeof ValidateModelResponseSchema>;

/** What is known about the document now: being checked, checked (valid or not), or not checkable. */
export type ValidationState =
  | { kind: 'checking' }
  | { kind: 'checked'; result: ModelValidation }
  | { kind: 'error'; error: unknown };

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * The model document as text (YAML or JSON), with its validation under it: each problem names
 * its path and, when the path is in the text, jumps to its line.
 */
export function ModelEditor({
  text,
  onChange,
  validation,
}: {
  text: string;
  onChange: (text: string) => void;
  validation: ValidationState;
}) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);

  const goTo = (start: number, end: number) => {
    const textarea = area.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(start, end);
    // focusing does not scroll a textarea to its selection: put the line a third of the way down
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(
      0,
      (lineOf(text, start) - 1) * lineHeight - textarea.clientHeight / 3,
    );
  };

  return (
    <div className="stack model-editor">
      <label className="model-label" htmlFor={id}>
        Model document (YAML)
      </label>
      <textarea
        ref={area}
        id={id}
        className="model-textarea"
        data-testid="model-editor"
        value={text}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-status`}
      />
      <div id={`${id}-status`} aria-live="polite">
        {validation.kind === 'checking' ? (
          <div className="notice model-checking">Checking the model…</div>
        ) : validation.kind === 'error' ? (
          <ErrorMessage error={validation.error} title="The model could not be checked" />
        ) : validation.result.valid ? (
          <div className="notice ok" data-testid="model-valid">
            <strong>Valid.</strong> The model can be previewed and saved.
          </div>
        ) : (
          <div className="notice error" data-testid="model-problems">
            <strong>
              {validation.result.problems.length === 1
                ? '1 problem'
                : `${validation.result.problems.length} problems`}{' '}
              to fix before this model can be used:
            </strong>
            <ul className="model-problems">
              {validation.result.problems.map((problem, index) => {
                const span = locateModelPath(text, problem.path);
                return (
                  // two problems may share a path and a message only in theory; the index keeps keys unique
                  <li key={`${index}-${problem.path}`}>
                    {problem.path ? <code>{problem.path}</code> : null} {problem.message}
                    {span ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="model-link"
                          onClick={() => goTo(span[0], span[1])}
                        >
                          line {lineOf(text, span[0])}
                        </button>
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
