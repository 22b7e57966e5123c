import { sortedQuantile } from './empirical-quantile.ts';
import {
  cachedKey,
  MISSING_KEY,
  MISSING_LABEL,
  type WalletCustomer,
} from './firmographic-design.ts';

/** A peer group's spend quantile (money) and how many customers it rests on. */
export type PeerGroupEstimate = { label: string; customers: number; estimate: number };

export type PeerGroupQuantiles = {
  quantile: number;
  minPeers: number;
  /** The q-quantile of every customer's annual spend (money). */
  global: PeerGroupEstimate;
  /** Industries with at least minPeers customers, largest first. */
  industries: PeerGroupEstimate[];
  /** Estimate (money) for a firm: its industry's quantile when the group is large enough, else the global one. */
  estimate: (industry: string | null) => number;
};

/**
 * Peer-group wallet estimates: the q-quantile (Hyndman & Fan definition 7) of annual spend among
 * customers of the same industry when at least minPeers of them exist, else among all customers.
 * The small-sample fallback of the wallet regression. Customers must have spend > 0 (caller
 * filters) and there must be at least one.
 */
export function fitPeerGroupQuantiles(
  customers: readonly WalletCustomer[],
  options: { quantile: number; minPeers: number },
): PeerGroupQuantiles {
  const { quantile, minPeers } = options;
  const cache = new Map<string, string>();
  const byKey = new Map<string, { label: string; spend: number[] }>();
  const all = new Float64Array(customers.length);
  customers.forEach((customer, i) => {
    all[i] = customer.annualSpend;
    const raw = customer.firmographics.industry;
    const key = cachedKey(cache, raw);
    const group = byKey.get(key);
    if (group) group.spend.push(customer.annualSpend);
    else {
      const label = key === MISSING_KEY ? MISSING_LABEL : String(raw).trim().replace(/\s+/g, ' ');
      byKey.set(key, { label, spend: [customer.annualSpend] });
    }
  });
  all.sort();
  const global = {
    label: 'all customers',
    customers: all.length,
    estimate: sortedQuantile(all, quantile),
  };
  const estimates = new Map<string, number>();
  const industries: PeerGroupEstimate[] = [];
  for (const [key, group] of byKey) {
    if (group.spend.length < minPeers) continue;
    const estimate = sortedQuantile(Float64Array.from(group.spend).sort(), quantile);
    estimates.set(key, estimate);
    industries.push({ label: group.label, customers: group.spend.length, estimate });
  }
  industries.sort((a, b) => b.customers - a.customers || (a.label < b.label ? -1 : 1));
  const predictCache = new Map<string, string>();
  return {
    quantile,
    minPeers,
    global,
    industries,
    estimate: (industry) => estimates.get(cachedKey(predictCache, industry)) ?? global.estimate,
  };
}
