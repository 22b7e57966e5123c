import type { ACCOUNT_SORT_VALUES } from '../../../src/contract/accounts.ts';
import type { CATEGORY_VALUES, TIER_VALUES } from '../../../src/contract/common.ts';
import type { Query } from '../api/client.ts';

export type AccountSort = (typeof ACCOUNT_SORT_VALUES)[number];
export type Tier = (typeof TIER_VALUES)[number];
export type Category = (typeof CATEGORY_VALUES)[number];
type SortOrder = 'asc' | 'desc';

/*
 * The contract's value lists, repeated as plain arrays: importing them would pull zod into the
 * bundle. `AllOf` fails to compile when the contract gains a value these lists lack.
 */
type AllOf<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never;
const TIER_LIST = ['1a', '1b', '2-value', '2-need', '3'] as const;
const CATEGORY_LIST = ['strategic', 'core', 'beachhead', 'greenfield'] as const;
const SORT_LIST = [
  'value',
  'need',
  'behavior',
  'tier',
  'potential',
  'revenue',
  'share',
  'name',
] as const;
export const TIERS: AllOf<Tier, typeof TIER_LIST> = TIER_LIST;
export const CATEGORIES: AllOf<Category, typeof CATEGORY_LIST> = CATEGORY_LIST;
const SORTS: AllOf<AccountSort, typeof SORT_LIST> = SORT_LIST;

/** Every column the accounts table can show, in display order. */
export const ACCOUNT_COLUMNS = [
  'name',
  'tier',
  'category',
  'value',
  'need',
  'behavior',
  'revenue',
  'potential',
  'share',
  'owner',
  'industry',
] as const;
export type AccountColumn = (typeof ACCOUNT_COLUMNS)[number];

/** Shown until someone picks columns; industry is one click away and keeps the table narrow. */
const DEFAULT_COLUMNS: readonly AccountColumn[] = ACCOUNT_COLUMNS.filter((c) => c !== 'industry');

/** The name column identifies the row, so it cannot be hidden. */
export const FIXED_COLUMNS: readonly AccountColumn[] = ['name'];

export const PAGE_SIZE = 50;

/** What the accounts page shows; all of it lives in the URL so a link reproduces the view. */
export type AccountsView = {
  tiers: Tier[];
  categories: Category[];
  highValue: boolean;
  owner: string;
  industry: string;
  q: string;
  sort: AccountSort;
  order: SortOrder;
  /** 1-based, as people count pages. */
  page: number;
  columns: AccountColumn[];
};

export const DEFAULT_VIEW: AccountsView = {
  tiers: [],
  categories: [],
  highValue: false,
  owner: '',
  industry: '',
  q: '',
  sort: 'value',
  order: 'desc',
  page: 1,
  columns: [...DEFAULT_COLUMNS],
};

/** Names read best A→Z and tiers best-first (1a sorts first); every other column biggest first. */
export function defaultOrder(sort: AccountSort): SortOrder {
  return sort === 'name' || sort === 'tier' ? 'asc' : 'desc';
}

function pickList<T extends string>(text: string | null, allowed: readonly T[]): T[] {
  if (!text) return [];
  const wanted = new Set(text.split(',').map((v) => v.trim()));
  return allowed.filter((value) => wanted.has(value));
}

function isOneOf<T extends string>(value: string | null, allowed: readonly T[]): value is T {
  return value !== null && (allowed as readonly string[]).includes(value);
}

/** The view a URL describes; unknown or malformed values fall back to the defaults. */
export function readView(params: URLSearchParams): AccountsView {
  const sortText = params.get('sort');
  const sort = isOneOf(sortText, SORTS) ? sortText : DEFAULT_VIEW.sort;
  const orderText = params.get('order');
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const columnsText = params.get('cols');
  const columns =
    columnsText === null ? [...DEFAULT_COLUMNS] : pickList(columnsText, ACCOUNT_COLUMNS);
  for (const fixed of FIXED_COLUMNS) if (!columns.includes(fixed)) columns.unshift(fixed);
  return {
    tiers: pickList(params.get('tier'), TIERS),
    categories: pickList(params.get('category'), CATEGORIES),
    highValue: params.get('highValue') === 'true',
    owner: params.get('owner') ?? '',
    industry: params.get('industry') ?? '',
    q: params.get('q') ?? '',
    sort,
    order: orderText === 'asc' || orderText === 'desc' ? orderText : defaultOrder(sort),
    page: Number.isFinite(page) && page > 0 ? page : 1,
    columns: ACCOUNT_COLUMNS.filter((c) => columns.includes(c)),
  };
}

/** The URL search params of a view; defaults are left out so links stay short. */
export function writeView(view: AccountsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.tiers.length) params.set('tier', view.tiers.join(','));
  if (view.categories.length) params.set('category', view.categories.join(','));
  if (view.highValue) params.set('highValue', 'true');
  if (view.owner) params.set('owner', view.owner);
  if (view.industry) params.set('industry', view.industry);
  if (view.q) params.set('q', view.q);
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  if (view.order !== defaultOrder(view.sort)) params.set('order', view.order);
  if (view.page > 1) params.set('page', String(view.page));
  const sameColumns =
    view.columns.length === DEFAULT_COLUMNS.length &&
    view.columns.every((c) => DEFAULT_COLUMNS.includes(c));
  if (!sameColumns) params.set('cols', view.columns.join(','));
  return params;
}

/** The filters and sort as GET /api/accounts (and its CSV export) take them. */
export function filterQuery(view: AccountsView): Query {
  return {
    tier: view.tiers.join(','),
    category: view.categories.join(','),
    highValue: view.highValue ? 'true' : undefined,
    owner: view.owner,
    industry: view.industry,
    q: view.q.trim(),
    sort: view.sort,
    order: view.order,
  };
}

/** Whether any filter narrows the list (sort, page and columns do not). */
export function isFiltered(view: AccountsView): boolean {
  return (
    view.tiers.length > 0 ||
    view.categories.length > 0 ||
    view.highValue ||
    view.owner !== '' ||
    view.industry !== '' ||
    view.q.trim() !== ''
  );
}
