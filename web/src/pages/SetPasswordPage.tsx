import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../../src/contract/auth.ts';
import { ApiError, api } from '../api/client.ts';
import { asSentence, formatMinutes } from '../format.ts';
import './SignInPage.css';

/** The server's rule (PASSWORD_RULES): 12 characters or more. */
const MIN_LENGTH = 12;

/** The one-time token from the link's fragment (`#token=…`), which never reaches a server log. */
function tokenFromLink(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('token');
}

function problemOf(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Setting the password failed. Try again.';
  const retry = error.details['retryAfterSeconds'];
  const wait = formatMinutes(typeof retry === 'number' ? retry : 900);
  switch (error.status) {
    case 401:
      return 'This link does not work any more: it was used already, or it is more than 72 hours old. Ask your Hotspot admin for a new one.';
    case 429:
      return `Too many failed attempts from this network. Try again in ${wait}.`;
    default:
      return error.code === 'NETWORK' ? error.message : asSentence(error.message);
  }
}

/** Choosing a password with the one-time link an admin gave (first sign-in, or after a reset). */
export function SetPasswordPage() {
  // read before the effect below takes the token out of the address bar
  const [token, setToken] = useState(tokenFromLink);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Set your password · Hotspot';
    // keep the token out of history, bookmarks and screenshots
    const forget = () => {
      if (window.location.hash)
        window.history.replaceState(window.history.state, '', window.location.pathname);
    };
    // a link pasted into a tab that shows this page already changes only the fragment
    const pasted = () => {
      const fresh = tokenFromLink();
      if (fresh) {
        setToken(fresh);
        setProblem(null);
      }
      forget();
    };
    forget();
    window.addEventListener('hashchange', pasted);
    return () => window.removeEventListener('hashchange', pasted);
  }, []);

  const length = [...password].length;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    if (length < MIN_LENGTH) {
      setProblem(`Use at least ${MIN_LENGTH} characters: a few unrelated words make a good one.`);
      return;
    }
    if (password !== confirm) {
      setProblem('The two passwords are not the same. Type the new password twice.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.send<Session>('POST', '/password', { token, password });
      // signed in: load the app afresh with the new session
      window.location.replace('/');
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <div className="auth-panel">
        <div className="auth-brand">Hotspot</div>
        <section className="card auth-card" aria-labelledby="set-password-title">
          <h1 id="set-password-title">Set your password</h1>
          {token ? (
            <>
              <p className="auth-hint">
                Choose a password of at least {MIN_LENGTH} characters. This link works once.
              </p>
              <form onSubmit={(event) => void submit(event)} noValidate>
                {problem ? (
                  <div className="notice error" role="alert">
                    {problem}
                  </div>
                ) : null}
                <label className="field">
                  <span>New password</span>
                  <input
                    type={show ? 'text' : 'password'}
                    name="new-password"
                    autoComplete="new-password"
                    required
                    maxLength={1024}
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    aria-describedby="password-length"
                    autoFocus
                  />
                  <small className="auth-hint" id="password-length" aria-live="polite">
                    {length >= MIN_LENGTH
                      ? 'Long enough.'
                      : `${MIN_LENGTH - length} more character${MIN_LENGTH - length === 1 ? '' : 's'} needed.`}
                  </small>
                </label>
                <label className="field">
                  <span>Type it again</span>
                  <input
                    type={show ? 'text' : 'password'}
                    name="confirm-password"
                    autoComplete="new-password"
                    required
                    maxLength={1024}
                    value={confirm}
                    onChange={(e) => setConfirm(e.target.value)}
                  />
                </label>
                <label className="auth-check">
                  <input
                    type="checkbox"
                    checked={show}
                    onChange={(e) => setShow(e.target.checked)}
                  />
                  Show the password
                </label>
                <button className="button primary" type="submit" disabled={busy}>
                  {busy ? 'Saving…' : 'Set password and sign in'}
                </button>
              </form>
            </>
          ) : (
            <div className="notice warn" style={{ marginTop: 16 }}>
              This page needs the one-time link your Hotspot admin gave you (it ends in{' '}
              <code>#token=…</code>). Open that link again, or ask the admin for a new one.
            </div>
          )}
        </section>
        <p className="auth-footer">
          Already have a password? <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    </div>
  );
}
