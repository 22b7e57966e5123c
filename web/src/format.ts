const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const compactMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const count = new Intl.NumberFormat('en-US');

/** $12,345 (— when unknown). */
export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : money.format(value);
}

/** $12.3K, $4.5M (— when unknown). */
export function formatCompactMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : compactMoney.format(value);
}

/** 12,345. */
export function formatCount(value: number): string {
  return count.format(value);
}

/** A 0–100 score with one decimal (— when unknown). */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(1);
}

/** A 0–1 share as 12.3% (— when unknown). */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A difference of shares in points: 0.123 → "+12.3 pts". */
export function formatPoints(value: number | null | undefined): string {
  return value === null || value === undefined
    ? '—'
    : `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pts`;
}

export const TIER_LABELS: Record<string, string> = {
  '1a': 'Tier 1a',
  '1b': 'Tier 1b',
  '2-value': 'Tier 2 (value)',
  '2-need': 'Tier 2 (need)',
  '3': 'Tier 3',
};

/** "Tier 1a" for "1a"; unknown tiers as given. */
export function tierLabel(tier: string): string {
  return TIER_LABELS[tier] ?? tier;
}

/** "1a" for "1a", "2 (value)" for "2-value": the label without "Tier", where a heading says it. */
export function shortTierLabel(tier: string): string {
  return tierLabel(tier).replace(/^Tier /, '');
}

/** Tier colours, shared by badges and the matrix. */
export const TIER_COLORS: Record<string, string> = {
  '1a': '#c2410c',
  '1b': '#ea580c',
  '2-value': '#2563eb',
  '2-need': '#7c3aed',
  '3': '#64748b',
};

/** "3 minutes" for a wait in seconds (at least one minute). */
export function formatMinutes(seconds: number): string {
  const n = Math.max(1, Math.ceil(seconds / 60));
  return `${n} minute${n === 1 ? '' : 's'}`;
}

/** A server message as a sentence: capital first letter, final full stop. */
export function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const ABBREVIATIONS: Record<string, string> = {
  ttm: 'TTM',
  qbr: 'QBR',
  nps: 'NPS',
  roi: 'ROI',
  id: 'ID',
};

/** An identifier for people: `share_of_wallet_gap` → "Share of wallet gap", `revenue_ttm` → "Revenue TTM". */
export function humanize(id: string): string {
  const words = id
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word.toLowerCase()] ?? word)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
