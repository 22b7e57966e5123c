import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet } from 'react-router';
import type { Session } from '../../../src/contract/auth.ts';
import { api } from '../api/client.ts';

const LINKS = [
  { to: '/', label: 'Overview', end: true, admin: false },
  { to: '/accounts', label: 'Accounts', end: false, admin: false },
  { to: '/imports', label: 'Imports', end: false, admin: false },
  { to: '/model', label: 'Model', end: false, admin: false },
  { to: '/migration', label: 'Tier migration', end: false, admin: false },
  { to: '/audit', label: 'Audit log', end: false, admin: true },
] as const;

async function signOut(everywhere: boolean): Promise<void> {
  await api.send(everywhere ? 'POST' : 'DELETE', everywhere ? '/session/everywhere' : '/session');
  window.location.assign('/sign-in');
}

/** Who is signed in, and the way out (single-user mode says so instead). */
function SessionBox({ session }: { session: Session }) {
  if (session.singleUser)
    return (
      <p className="nav-session" title="No users are defined: add them with `hotspot users add`">
        Single-user mode (local admin)
      </p>
    );
  return (
    <div className="nav-session">
      <span>
        {session.user.email} ({session.user.role})
      </span>
      {session.user.via === 'session' ? (
        <>
          <button type="button" className="nav-button" onClick={() => void signOut(false)}>
            Sign out
          </button>
          <button type="button" className="nav-button" onClick={() => void signOut(true)}>
            Sign out everywhere
          </button>
        </>
      ) : null}
    </div>
  );
}

/** The app's frame: navigation on the left (on top on a phone), the page in the middle. */
export function Layout() {
  const session = useQuery({ queryKey: ['session'], queryFn: () => api.get<Session>('/session') });
  const isAdmin = session.data?.user.role === 'admin';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="nav" aria-label="Main">
        <div className="nav-brand">Hotspot</div>
        {LINKS.filter((link) => !link.admin || isAdmin).map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end}>
            {link.label}
          </NavLink>
        ))}
        {session.data ? <SessionBox session={session.data} /> : null}
      </nav>
      <main className="main" id="main">
        <Outlet />
      </main>
    </div>
  );
}
