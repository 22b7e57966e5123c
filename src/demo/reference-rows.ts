/**
 * Rows of the reference entities: reps, product families and accounts.
 */

import type { NativeRow } from '../core/entities.ts';
import type { DemoContext } from './demo-context.ts';
import { accountId, accountIdentity, regionCode } from './demo-context.ts';
import type { AccountLatent } from './population.ts';
import { streamFor } from './random.ts';
import { repId } from './sales-team.ts';
import { INDUSTRIES, PRODUCT_FAMILIES, REGIONS, REP_ROLES, item } from './vocabulary.ts';

/** Rep j's row: role mostly account manager, capacity 120-160 hours a month. */
export function repRow(ctx: DemoContext, j: number): NativeRow {
  const rng = streamFor(ctx.key, 'rep', j);
  const role = item(REP_ROLES, rng.weighted([60, 25, 15]));
  return {
    id: repId(j),
    name: item(ctx.team.names, j),
    email: item(ctx.team.emails, j),
    role,
    capacity_hours: 120 + 10 * rng.between(0, 4),
    territory: regionCode(item(ctx.team.territory, j)),
  };
}

/** The fixed product-family rows. */
export function productFamilyRows(): NativeRow[] {
  return PRODUCT_FAMILIES.map((f) => ({
    id: f.id,
    name: f.name,
    stage: f.stage,
    margin_class: f.marginClass,
    growth_aligned: f.growthAligned,
  }));
}

/** Account i's row (its latent state already read into `latent`). */
export function accountRow(ctx: DemoContext, latent: AccountLatent): NativeRow {
  const identity = accountIdentity(ctx, latent);
  const region = item(REGIONS, latent.region);
  return {
    id: accountId(latent.index),
    name: identity.name,
    domain: identity.domain,
    industry: item(INDUSTRIES, latent.industry).name,
    country: item(region.countries, latent.country).code,
    region: region.code,
    employees: latent.employees,
    annual_revenue: latent.revenue,
    owner_id: latent.owner >= 0 ? repId(latent.owner) : null,
    parent_id: latent.parent >= 0 ? accountId(latent.parent) : null,
    created_on: ctx.days.iso(latent.createdDay),
  };
}
