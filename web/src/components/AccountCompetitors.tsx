import { EmptyState } from './EmptyState.tsx';
import type { AccountDetail } from './AccountTypes.ts';

type Sighting = AccountDetail['competitorSightings'][number];

/** Where competitors were seen at the account, newest first, with their pitch. */
export function AccountCompetitors({ sightings }: { sightings: Sighting[] }) {
  if (sightings.length === 0) return <EmptyState title="No competitor sightings" />;
  const sorted = [...sightings].sort((a, b) => b.seenOn.localeCompare(a.seenOn));
  return (
    <div className="table-wrap account-table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Seen</th>
            <th scope="col">Competitor</th>
            <th scope="col">Product area</th>
            <th scope="col">Pitch</th>
            <th scope="col">Reported by</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr key={s.id}>
              <td className="account-nowrap">{s.seenOn}</td>
              <td>{s.competitor}</td>
              <td>{s.productArea ?? '—'}</td>
              <td>{s.pitch ?? '—'}</td>
              <td>{s.reportedBy ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
