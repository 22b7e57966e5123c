import { TIER_COLORS, tierLabel } from '../format.ts';

/** A tier as a coloured pill; an overridden tier says so. */
export function TierBadge({ tier, overridden = false }: { tier: string; overridden?: boolean }) {
  return (
    <span
      className="badge"
      style={{ background: TIER_COLORS[tier] ?? '#64748b' }}
      title={overridden ? 'set by hand (override)' : undefined}
    >
      {tierLabel(tier)}
      {overridden ? ' ✎' : ''}
    </span>
  );
}

/** A relationship category as an outlined pill. */
export function CategoryBadge({ category }: { category: string }) {
  return <span className="badge outline">{category}</span>;
}
