import { TIER_LABELS } from '../format.ts';

/** Tier 1a first, Tier 3 last (object keys would put "3" first), then any tier not known here. */
const ORDER = ['1a', '1b', '2-value', '2-need', '3'];

/** The tiers of the given records, in tier order: the known five always, then others as found. */
export function tiersInOrder(...counts: Record<string, number>[]): string[] {
  const extra = counts
    .flatMap((c) => Object.keys(c))
    .filter(
      (tier, index, all) =>
        !ORDER.includes(tier) && !(tier in TIER_LABELS) && all.indexOf(tier) === index,
    );
  return [...ORDER, ...extra];
}
