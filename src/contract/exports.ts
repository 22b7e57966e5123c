import { z } from 'zod';
import { EXPORT_FORMAT_VALUES, IdText } from './common.ts';

export const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMAT_VALUES),
  source: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'export the accounts of this source (default: the CRM named by format)' }),
  run: IdText.optional().meta({ description: 'a scoring run id (default: the latest run)' }),
});
