import { EmptyState } from './EmptyState.tsx';
import { humanize } from '../format.ts';
import type { AccountDetail } from './AccountTypes.ts';

type Contact = AccountDetail['contacts'][number];

const SENIORITY_ORDER = ['c_level', 'vp', 'director', 'manager', 'staff'];
const SENIORITY_LABELS: Record<string, string> = {
  c_level: 'C-level',
  vp: 'VP',
  director: 'Director',
  manager: 'Manager',
  staff: 'Staff',
};

function rank(contact: Contact): number {
  const index = SENIORITY_ORDER.indexOf(contact.seniority ?? '');
  return index < 0 ? SENIORITY_ORDER.length : index;
}

/** The account's contacts, most senior first (C-level, VP, director, manager, staff, unknown). */
export function AccountContacts({ contacts }: { contacts: Contact[] }) {
  if (contacts.length === 0) {
    return <EmptyState title="No contacts">Import contacts to see who you know here.</EmptyState>;
  }
  const sorted = [...contacts].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return (
    <div className="table-wrap account-table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Seniority</th>
            <th scope="col">Name</th>
            <th scope="col">Title</th>
            <th scope="col">Role</th>
            <th scope="col">Business unit</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((c) => (
            <tr key={c.id}>
              <td>
                {c.seniority ? (
                  (SENIORITY_LABELS[c.seniority] ?? humanize(c.seniority))
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {c.name}
                {c.email ? (
                  <>
                    <br />
                    <a className="small" href={`mailto:${c.email}`}>
                      {c.email}
                    </a>
                  </>
                ) : null}
              </td>
              <td>{c.title ?? '—'}</td>
              <td>{c.role ? humanize(c.role) : '—'}</td>
              <td>{c.businessUnit ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
