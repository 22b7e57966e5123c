import { z } from 'zod';

export const WorkspaceStatus = z
  .object({
    database: z.string(),
    counts: z.record(z.string(), z.number().int()),
    imports: z.array(
      z.object({
        id: z.number().int(),
        entity: z.string(),
        source: z.string(),
        fileName: z.string(),
        finishedAt: z.string(),
        outcome: z.enum(['imported', 'imported_with_rejections', 'rejected_strict', 'failed']),
        totalRows: z.number().int(),
        inserted: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        rejected: z.number().int(),
      }),
    ),
    matchQuality: z.array(
      z.object({
        source: z.string(),
        entity: z.string(),
        records: z.number().int(),
        byId: z.number().int(),
        byDomain: z.number().int(),
        byName: z.number().int(),
        lastUnmatched: z.number().int(),
        lastAmbiguous: z.number().int(),
        joinedShare: z.number(),
      }),
    ),
  })
  .meta({ id: 'WorkspaceStatus' });

export const Health = z.object({ ok: z.literal(true) });
