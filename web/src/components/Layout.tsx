import { NavLink, Outlet } from 'react-router';

const LINKS = [
  { to: '/', label: 'Overview', end: true },
  { to: '/accounts', label: 'Accounts', end: false },
  { to: '/imports', label: 'Imports', end: false },
  { to: '/model', label: 'Model', end: false },
] as const;

/** The app's frame: navigation on the left (on top on a phone), the page in the middle. */
export function Layout() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="nav" aria-label="Main">
        <div className="nav-brand">Hotspot</div>
        {LINKS.map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end}>
            {link.label}
          </NavLink>
        ))}
      </nav>
      <main className="main" id="main">
        <Outlet />
      </main>
    </div>
  );
}
