import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

/** Any address the app does not know. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is no page at this address.">
        <p>
          Go to the <Link to="/">overview</Link> or the <Link to="/accounts">accounts</Link>.
        </p>
      </EmptyState>
    </>
  );
}
