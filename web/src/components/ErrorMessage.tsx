import { ApiError } from '../api/client.ts';

/** An error as a person reads it: the message, and each field problem when the API named them. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const problems = error instanceof ApiError ? error.fieldProblems : [];
  return (
    <div className="notice error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {message}
      {problems.length > 0 ? (
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
