import { isRole, type Principal, type Role } from '../core/access.ts';
import { HotspotError } from '../core/errors.ts';
import type { Store } from '../db/store.ts';
import {
  anyUserExists,
  bumpSessionEpoch,
  countOtherActiveAdmins,
  insertUser,
  selectRepById,
  selectRepsByEmail,
  selectRepsByRef,
  selectUserByEmail,
  selectUserById,
  selectUsers,
  updateSetupToken,
  updateUserDisabled,
  updateUserRole,
  type RepRef,
  type UserRow,
} from '../db/users.ts';
import { recordAudit, type AuditAction } from './audit.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** How long a one-time link to set a password stays valid: 72 hours. */
export const SETUP_LINK_HOURS = 72;

/** A person who may sign in, as shown to admins (never a password or token hash). */
export type User = {
  id: number;
  email: string;
  role: Role;
  repId: number | null;
  repName: string | null;
  /** `awaiting-password` until the one-time link is used. */
  status: 'active' | 'disabled' | 'awaiting-password';
  /** Sign-in locked after failed attempts until then (ISO 8601); may be in the past. */
  lockedUntil: string | null;
  /** When the outstanding one-time link expires (ISO 8601), if there is one. */
  setupExpiresAt: string | null;
  createdAt: string;
};

/** A user and the one-time link token that lets them set a password (shown once, stored hashed). */
export type UserWithSetupLink = { user: User; setupToken: string; setupExpiresAt: string };

/** A role read from the database; an unknown one (never written by Hotspot) gets the least rights. */
function roleOf(value: string): Role {
  return isRole(value) ? value : 'viewer';
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: roleOf(row.role),
    repId: row.repId,
    repName: row.repName,
    status: row.disabled ? 'disabled' : row.passwordHash === null ? 'awaiting-password' : 'active',
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    setupExpiresAt: row.setupExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a user: never a hash or a link. */
function audited(user: User): Record<string, unknown> {
  return { email: user.email, role: user.role, repId: user.repId, status: user.status };
}

/** The principal of a user signed in by session or API token. */
export function principalOf(
  user: { id: number; email: string; role: string; repId: number | null },
  via: 'session' | 'token',
): Principal {
  return { userId: user.id, email: user.email, role: roleOf(user.role), repId: user.repId, via };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** An email address as stored and looked up: trimmed, lower case (unchecked). */
export function canonicalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * An email address as stored (canonicalEmail). Throws INVALID_INPUT for text that is not an
 * address (one `@`, no spaces, at most 254 characters).
 */
function normalizeEmail(email: string): string {
  const normalized = canonicalEmail(email);
  if (normalized.length > 254 || !EMAIL.test(normalized))
    throw new HotspotError('INVALID_INPUT', `not an email address: ${JSON.stringify(email)}`, {
      details: { field: 'email' },
    });
  return normalized;
}

function assertRole(role: string): Role {
  if (!isRole(role))
    throw new HotspotError(
      'INVALID_INPUT',
      `unknown role ${JSON.stringify(role)}: expected admin, leader, manager or viewer`,
      { details: { field: 'role' } },
    );
  return role;
}

function repLabel(rep: RepRef): string {
  return `${rep.name} (id ${rep.id}, ${rep.externalId})`;
}

/**
 * The rep a user is: by id, external id or email. Throws NOT_FOUND when none matches and
 * CONFLICT when several do.
 */
export async function findRep(store: Store, ref: string): Promise<RepRef> {
  const text = ref.trim();
  const id = /^\d+$/.test(text) ? Number(text) : null;
  let reps = await selectRepsByRef(store, { id, externalId: text });
  if (reps.length === 0 && text.includes('@')) reps = await selectRepsByEmail(store, text);
  const [rep, ...others] = reps;
  if (!rep) throw new HotspotError('NOT_FOUND', `no rep with id, external id or email ${text}`);
  if (others.length > 0)
    throw new HotspotError(
      'CONFLICT',
      `several reps match ${text}: ${reps.map(repLabel).join('; ')}; give the rep's id`,
    );
  return rep;
}

async function linkedRep(
  store: Store,
  input: { email: string; repId: number | null | undefined },
): Promise<number | null> {
  if (input.repId === null) return null;
  if (input.repId !== undefined) {
    const rep = await selectRepById(store, input.repId);
    if (!rep) throw new HotspotError('NOT_FOUND', `no rep with id ${input.repId}`);
    return rep.id;
  }
  const reps = await selectRepsByEmail(store, input.email);
  if (reps.length > 1)
    throw new HotspotError(
      'CONFLICT',
      `several reps have the email ${input.email}: ${reps.map(repLabel).join('; ')}; choose one with --rep`,
    );
  return reps[0]?.id ?? null;
}

function setupLink(now: Date): { token: string; expiresAt: Date } {
  return { token: newSecret(), expiresAt: new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000) };
}

/**
 * Adds a user without a password and returns a one-time setup link token (valid
 * SETUP_LINK_HOURS; only its hash is stored). The user is linked to `repId`, or when it is
 * not given to the rep with the same email, if any (`repId: null` links none). Throws
 * INVALID_INPUT (email, role), CONFLICT (the email is taken; several reps share it) and
 * NOT_FOUND (no such rep). Audited as `actor` (default: this process's OS user).
 */
export async function addUser(
  store: Store,
  input: { email: string; role: string; repId?: number | null; now: Date; actor?: string },
): Promise<UserWithSetupLink> {
  const email = normalizeEmail(input.email);
  const role = assertRole(input.role);
  if (await selectUserByEmail(store, email))
    throw new HotspotError('CONFLICT', `a user with the email ${email} exists already`);
  const repId = await linkedRep(store, { email, repId: input.repId });
  const link = setupLink(input.now);
  const user = await store.transaction(async () => {
    const id = await insertUser(store, {
      email,
      role,
      repId,
      setupTokenHash: hashSecret(link.token),
      setupExpiresAt: link.expiresAt,
      createdAt: input.now,
    });
    const added = await getUser(store, id);
    await recordAudit(store, {
      actor: input.actor,
      action: 'user.add',
      entity: 'user',
      entityId: id,
      before: null,
      after: audited(added),
    });
    return added;
  });
  usersSeen.set(store, { any: true, at: 0 });
  return { user, setupToken: link.token, setupExpiresAt: link.expiresAt.toISOString() };
}

/** Every user, by email. */
export async function listUsers(store: Store): Promise<User[]> {
  return (await selectUsers(store)).map(toUser);
}

/** One user by id; throws NOT_FOUND. */
async function getUser(store: Store, userId: number): Promise<User> {
  const row = await selectUserById(store, userId);
  if (!row) throw new HotspotError('NOT_FOUND', `no user with id ${userId}`);
  return toUser(row);
}

/** One user by email (any case); throws NOT_FOUND. */
export async function findUserByEmail(store: Store, email: string): Promise<User> {
  const row = await selectUserByEmail(store, canonicalEmail(email));
  if (!row) throw new HotspotError('NOT_FOUND', `no user with the email ${email.trim()}`);
  return toUser(row);
}

/** What `hasUsers` last found, and when (performance.now()). */
const usersSeen = new WeakMap<Store, { any: boolean; at: number }>();

/**
 * Whether the workspace has users; without any it runs in single-user mode. Asked on every
 * request, so remembered: users are never deleted, so "yes" stays yes; "no" is asked again after
 * a second (another process may add the first user; this one's `addUser` says so at once).
 */
export async function hasUsers(store: Store): Promise<boolean> {
  const seen = usersSeen.get(store);
  if (seen && (seen.any || performance.now() - seen.at < 1000)) return seen.any;
  const any = await anyUserExists(store);
  usersSeen.set(store, { any, at: performance.now() });
  return any;
}

/** Refuses a change that would leave the workspace without an enabled admin. */
async function assertAnotherAdmin(store: Store, user: User, change: string): Promise<void> {
  if (user.role !== 'admin' || user.status === 'disabled') return;
  if ((await countOtherActiveAdmins(store, user.id)) === 0)
    throw new HotspotError(
      'CONFLICT',
      `cannot ${change} ${user.email}: they are the only admin; make another user admin first`,
    );
}

/**
 * Changes the user `userId` in one transaction, audited as `action` by `actor` with the user
 * before and after. Throws NOT_FOUND for an unknown user, and whatever `change` throws.
 */
async function changeUser(
  store: Store,
  input: { userId: number; actor?: string; action: AuditAction },
  change: (user: User) => Promise<void>,
): Promise<User> {
  return store.transaction(async () => {
    const user = await getUser(store, input.userId);
    await change(user);
    const changed = await getUser(store, user.id);
    await recordAudit(store, {
      actor: input.actor,
      action: input.action,
      entity: 'user',
      entityId: user.id,
      before: audited(user),
      after: audited(changed),
    });
    return changed;
  });
}

/**
 * Changes a user's role (in force at their next request), audited as `actor`. Throws
 * NOT_FOUND, INVALID_INPUT, and CONFLICT when it would leave no enabled admin.
 */
export async function setRole(
  store: Store,
  input: { userId: number; role: string; actor?: string },
): Promise<User> {
  const role = assertRole(input.role);
  return changeUser(store, { ...input, action: 'user.role' }, async (user) => {
    if (role !== 'admin') await assertAnotherAdmin(store, user, `make ${role}`);
    await updateUserRole(store, user.id, role);
  });
}

/**
 * Disables a user: no sign-in, their sessions end and their API tokens stop working. Audited
 * as `actor`. Throws NOT_FOUND, and CONFLICT for the only enabled admin.
 */
export async function disableUser(
  store: Store,
  input: { userId: number; actor?: string },
): Promise<User> {
  return changeUser(store, { ...input, action: 'user.disable' }, async (user) => {
    await assertAnotherAdmin(store, user, 'disable');
    await updateUserDisabled(store, user.id, true);
    await bumpSessionEpoch(store, user.id);
  });
}

/** Lets a disabled user sign in again (their ended sessions stay ended). Audited as `actor`. */
export async function enableUser(
  store: Store,
  input: { userId: number; actor?: string },
): Promise<User> {
  return changeUser(store, { ...input, action: 'user.enable' }, async (user) => {
    await updateUserDisabled(store, user.id, false);
  });
}

/**
 * Resets a user's password: the current one stops working, every session ends, and a new
 * one-time link (valid SETUP_LINK_HOURS) lets them choose another.
 */
export async function resetPassword(
  store: Store,
  input: { userId: number; now: Date },
): Promise<UserWithSetupLink> {
  const user = await getUser(store, input.userId);
  const link = setupLink(input.now);
  await updateSetupToken(store, {
    id: user.id,
    tokenHash: hashSecret(link.token),
    expiresAt: link.expiresAt,
  });
  await bumpSessionEpoch(store, user.id);
  return {
    user: await getUser(store, user.id),
    setupToken: link.token,
    setupExpiresAt: link.expiresAt.toISOString(),
  };
}

/** Ends every session of a user, on every device (API tokens are revoked one by one). */
export async function signOutEverywhere(store: Store, userId: number): Promise<void> {
  const user = await getUser(store, userId);
  await bumpSessionEpoch(store, user.id);
}
