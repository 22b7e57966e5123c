import { z } from 'zod';
import { ImportLogRow } from './imports.ts';

export const WorkspaceStatus = z
  .object({
    database: z.string(),
    counts: z.record(z.string(), z.number().int()),
    imports: z.array(ImportLogRow),
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
