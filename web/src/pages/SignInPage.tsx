import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Session } from '../../../src/contract/auth.ts';
import { ApiError, api } from '../api/client.ts';
import { asSentence, formatMinutes } from '../format.ts';
import './SignInPage.css';

/** Where to go after signing in: a path of this app from `?next=`, never another site. */
function nextPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  return value.startsWith('/sign-in') || value.startsWith('/set-password') ? '/' : value;
}

function clockTime(secondsFromNow: number): string {
  return new Date(Date.now() + secondsFromNow * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** What went wrong, in words a person acts on. */
function problemOf(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Signing in failed. Try again.';
  const retry = error.details['retryAfterSeconds'];
  const seconds = typeof retry === 'number' ? retry : 15 * 60;
  switch (error.status) {
    case 400:
      return 'Enter your email address and your password.';
    case 401:
      return 'That email and password do not match. Check both and try again.';
    case 429:
      return error.details['reason'] === 'locked'
        ? `Too many failed attempts: this account is locked for ${formatMinutes(seconds)}, until ${clockTime(seconds)}. Wait, or ask an admin to reset your password.`
        : `Too many failed sign-ins from this network. Try again in ${formatMinutes(seconds)}.`;
    default:
      return error.code === 'NETWORK' ? error.message : asSentence(error.message);
  }
}

/** The sign-in form (email and password), outside the app's frame. */
export function SignInPage() {
  const [params] = useSearchParams();
  const next = nextPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Sign in · Hotspot';
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.send<Session>('POST', '/session', { email: email.trim(), password });
      // a full load: nothing cached for a previous user survives, and the app starts with
      // the new session's CSRF token
      window.location.replace(next);
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <div className="auth-panel">
        <div className="auth-brand">Hotspot</div>
        <section className="card auth-card" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title">Sign in</h1>
          <p className="auth-hint">Use the email address your Hotspot admin registered.</p>
          <form onSubmit={(event) => void submit(event)}>
            {problem ? (
              <div className="notice error" role="alert">
                {problem}
              </div>
            ) : null}
            <label className="field">
              <span>Email</span>
              <input
                type="email"
                name="email"
                autoComplete="username"
                required
                maxLength={320}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoFocus
              />
            </label>
            <label className="field">
              <span>Password</span>
              <input
                type="password"
                name="password"
                autoComplete="current-password"
                required
                maxLength={1024}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button className="button primary" type="submit" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </section>
        <p className="auth-footer">
          Forgot your password, or never set one? Ask your Hotspot admin for a new link.
        </p>
      </div>
    </div>
  );
}
