import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ModelVersionList as ModelVersionListSchema } from '../../../src/contract/model.ts';
import { api } from '../api/client.ts';
import { Card } from './Card.tsx';
import { EmptyState } from './EmptyState.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { formatDateTime } from './import-labels.ts';
import { Loading } from './Loading.tsx';

type ModelVersionList = z.infer<typeof ModelVersionListSchema>;

/** Every saved version of the model, newest first; the one in force is marked. */
export function ModelVersions({ current }: { current: number | null }) {
  const query = useQuery({
    queryKey: ['model-versions'],
    queryFn: () => api.get<ModelVersionList>('/model/versions'),
  });
  return (
    <Card title="Saved versions">
      {query.isPending ? (
        <Loading label="Loading the versions…" />
      ) : query.isError ? (
        <ErrorMessage error={query.error} title="The saved versions" />
      ) : query.data.versions.length === 0 ? (
        <EmptyState title="No saved versions yet">
          <p>The built-in default model is in force until a version is saved.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Name</th>
                <th scope="col">Saved by</th>
                <th scope="col">Saved</th>
                <th scope="col">Fingerprint</th>
              </tr>
            </thead>
            <tbody>
              {[...query.data.versions]
                .sort((a, b) => b.version - a.version)
                .map((version) => (
                  <tr key={version.version}>
                    <td className="num">
                      {version.version}
                      {version.version === current ? (
                        <span className="badge model-current">in force</span>
                      ) : null}
                    </td>
                    <td>{version.name}</td>
                    <td>{version.savedBy}</td>
                    <td className="nowrap">{formatDateTime(version.savedAt)}</td>
                    <td>
                      <code className="small">{version.hash}</code>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
