/** Who may do what (DESIGN §10). */
export const ROLES = ['admin', 'leader', 'manager', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The person (or script) behind a request. `local` is the single user of an embedded workspace
 * without users: an admin, served on 127.0.0.1 only.
 */
export type Principal = {
  userId: number | null;
  email: string;
  role: Role;
  /** The rep this user is (a manager owns that rep's accounts); null when none. */
  repId: number | null;
  via: 'session' | 'token' | 'local';
};

/** Which accounts a principal may see: every account, or those owned by a rep or assigned to a user. */
export type AccountScope = { kind: 'all' } | { kind: 'own'; userId: number; repId: number | null };

/** The account scope of a principal: managers see their own and assigned accounts, everyone else all. */
export function accountScopeOf(principal: Principal): AccountScope {
  if (principal.role !== 'manager' || principal.userId === null) return { kind: 'all' };
  return { kind: 'own', userId: principal.userId, repId: principal.repId };
}
