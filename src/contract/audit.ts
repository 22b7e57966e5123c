import { z } from 'zod';

/** The actions the audit log records (mirrors the app's AuditAction; a server test keeps them equal). */
export const AUDIT_ACTION_VALUES = [
  'import',
  'model.save',
  'run.score',
  'override.set',
  'override.clear',
  'answers.save',
  'account.assign',
  'account.unassign',
  'user.add',
  'user.role',
  'user.disable',
  'user.enable',
  'token.create',
  'token.revoke',
] as const;

export const AuditQuery = z.object({
  since: z.string().optional().meta({
    description: 'only changes at or after this day (YYYY-MM-DD, UTC) or ISO date-time',
    example: '2026-10-01',
  }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(500)
    .meta({ description: 'at most this many entries, newest first (default 500)' }),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    occurredAt: z
      .string()
      .meta({ description: 'when, ISO 8601 UTC', example: '2026-10-31T09:15:00Z' }),
    actor: z
      .string()
      .meta({ description: "who: a user's email, `local` (single-user mode) or `cli:<os user>`" }),
    action: z.string().meta({ description: AUDIT_ACTION_VALUES.join(', ') }),
    entity: z.string().meta({ description: 'import, model, run, account, user or token' }),
    entityId: z.string().nullable(),
    before: z.unknown().meta({ description: 'the values before the change; null: none' }),
    after: z.unknown().meta({ description: 'the values after the change; null: none' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditLog = z.object({ entries: z.array(AuditEntry) }).meta({ id: 'AuditLog' });
export type AuditLog = z.infer<typeof AuditLog>;
