import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ScoreResult as ScoreResultSchema } from '../../../src/contract/runs.ts';
import { api } from '../api/client.ts';

export type ScoreResult = z.infer<typeof ScoreResultSchema>;

/**
 * Scores the workspace again with the saved model (POST /api/runs {}), then refreshes every query
 * (static ones, such as a file preview or a model check, do not depend on the scores and stay),
 * then calls `onSuccess`.
 */
export function useScoreNow(onSuccess?: (result: ScoreResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send<ScoreResult>('POST', '/runs', {}),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      onSuccess?.(result);
    },
  });
}
