/**
 * Contract, deal and invoice rows of one account, all read off its commercial plan;
 * deals and invoices add their own detail (sales cycles, lost and open deals, payment
 * timing) from their own streams.
 */

import type { DemoContext, RowSink } from './demo-context.ts';
import {
  accountId,
  businessUnit,
  cents,
  familyTaste,
  regionCode,
  sequenceId,
} from './demo-context.ts';
import { planCommerce } from './commerce-plan.ts';
import type { DealOrigin, PlannedContract } from './commerce-plan.ts';
import { NEVER, momentum, spendAt } from './population.ts';
import type { AccountLatent } from './population.ts';
import { streamFor } from './random.ts';
import type { Rng } from './random.ts';
import { DEAL_NAMES, PRODUCT_FAMILIES, item } from './vocabulary.ts';

const DEAL_TYPE_INDEX: Record<DealOrigin, number> = { new: 0, expansion: 1, pilot: 2, renewal: 3 };

function familyId(family: number): string {
  return item(PRODUCT_FAMILIES, family).id;
}

/** Amount invoiced for a pilot: its annual value pro rata over its days. */
function pilotFee(contract: PlannedContract): number {
  return cents((contract.annualValue * (contract.end - contract.start + 1)) / 365);
}

/** Contract rows of an account. */
export function emitContracts(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  const plan = planCommerce(ctx, latent);
  if (plan.contracts.length === 0) return;
  const account = accountId(latent.index);
  const days = ctx.days;
  for (const c of plan.contracts) {
    sink.sequence += 1;
    sink.rows.push({
      id: sequenceId('CTR-', sink.sequence, 9),
      account_id: account,
      product_family_id: familyId(c.family),
      start_date: days.iso(c.start),
      end_date: days.iso(c.end),
      annual_value: c.annualValue,
      kind: c.pilot ? 'pilot' : 'term',
      status: c.status,
      renewal_date: c.pilot ? null : days.iso(c.end + 1),
    });
  }
}

/** Days from an opportunity's creation to its close: longer for big deals, shorter for decisive buyers. */
function salesCycle(rng: Rng, latent: AccountLatent, amount: number): number {
  const mean = 45 * Math.exp(-0.35 * latent.behavior) * (1 + 0.2 * Math.log(1 + amount / 20_000));
  return Math.max(7, Math.round(mean * Math.exp(0.4 * rng.normal())));
}

type DealDraft = {
  amount: number;
  stage: 'open' | 'won' | 'lost';
  origin: DealOrigin;
  family: number;
  created: number;
  close: number;
};

type DealWriter = {
  ctx: DemoContext;
  sink: RowSink;
  rng: Rng;
  latent: AccountLatent;
  account: string;
};

function writeDeal(w: DealWriter, deal: DealDraft): void {
  w.sink.sequence += 1;
  w.sink.rows.push({
    id: sequenceId('DEAL-', w.sink.sequence, 9),
    account_id: w.account,
    name: item(item(DEAL_NAMES, deal.family), DEAL_TYPE_INDEX[deal.origin]),
    amount: cents(deal.amount),
    stage: deal.stage,
    type: deal.origin,
    product_family_id: familyId(deal.family),
    created_on: w.ctx.days.iso(deal.created),
    close_date: w.ctx.days.iso(deal.close),
  });
}

/** Creation day of an opportunity closing on `close`: one sales cycle earlier, not before the account existed. */
function createdBefore(w: DealWriter, close: number, amount: number): number {
  return Math.max(w.latent.createdDay, close - salesCycle(w.rng, w.latent, amount));
}

/** Deal rows of an account: won deals behind its contracts and purchases, lost and open ones. */
export function emitDeals(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  const rng = streamFor(ctx.key, 'deal', latent.index);
  const plan = planCommerce(ctx, latent);
  const w: DealWriter = { ctx, sink, rng, latent, account: accountId(latent.index) };
  const last = ctx.population.window.last;
  const floor = latent.createdDay;

  for (const c of plan.contracts) {
    // Renewals are tracked as opportunities only now and then; a contract already in
    // force when the window opens was won before it.
    if (c.anchor >= c.start && (c.origin !== 'renewal' || rng.chance(0.3))) {
      const amount = c.pilot ? pilotFee(c) : c.annualValue;
      const close = Math.max(floor, c.start - rng.between(0, 14));
      const created = createdBefore(w, close, amount);
      writeDeal(w, { amount, stage: 'won', origin: c.origin, family: c.family, created, close });
    }
    if (!c.pilot && c.status === 'churned' && rng.chance(0.5)) {
      const close = c.end;
      const created = Math.max(floor, close - rng.between(30, 90));
      writeDeal(w, {
        amount: c.annualValue,
        stage: 'lost',
        origin: 'renewal',
        family: c.family,
        created,
        close,
      });
    }
  }
  for (const p of plan.purchases) {
    if (!p.recorded) continue;
    const close = Math.max(floor, p.day - rng.between(0, 5));
    const created = createdBefore(w, close, p.amount);
    writeDeal(w, {
      amount: p.amount,
      stage: 'won',
      origin: p.origin,
      family: p.family,
      created,
      close,
    });
  }

  const taste = familyTaste(latent);
  const customer = latent.kind !== 'prospect';
  // Lost opportunities: prospects that looked at us, customers that did not expand.
  const lostRate = customer ? 0.08 : 0.15 + 0.15 * Math.max(0, latent.walletZ);
  const lostCount = rng.poisson((lostRate * (last - floor + 1)) / 365);
  for (let k = 0; k < lostCount; k += 1) {
    const close = rng.between(floor, last);
    const base = customer ? 0.25 * spendAt(latent, close) : 0.1 * latent.wallet;
    const amount = Math.max(1000, base * Math.exp(0.6 * rng.normal()));
    const origin: DealOrigin = rng.chance(0.15) ? 'pilot' : customer ? 'expansion' : 'new';
    const created = createdBefore(w, close, amount);
    writeDeal(w, { amount, stage: 'lost', origin, family: rng.weighted(taste), created, close });
  }

  // Open pipeline at `until`; its expected close date may lie after `until`.
  const openChance =
    latent.kind === 'prospect'
      ? 0.12 + 0.15 / (1 + Math.exp(-latent.walletZ))
      : latent.stopDay !== NEVER
        ? 0.05
        : latent.archetype === 'stagnant'
          ? 0.25
          : Math.min(0.6, 0.15 + 0.12 * Math.max(0, momentum(latent)));
  if (rng.chance(openChance)) {
    const created = Math.max(floor, last - rng.between(5, 150));
    const base = latent.kind === 'active' ? 0.3 * spendAt(latent, last) : 0.1 * latent.wallet;
    const amount = Math.max(1000, base * Math.exp(0.5 * rng.normal()));
    const origin: DealOrigin =
      latent.kind === 'active' ? (rng.chance(0.8) ? 'expansion' : 'renewal') : 'new';
    const close = created + salesCycle(rng, latent, amount);
    writeDeal(w, { amount, stage: 'open', origin, family: rng.weighted(taste), created, close });
  }
  // A running pilot usually has its conversion opportunity open.
  for (const c of plan.contracts) {
    if (!c.pilot || c.status !== 'active' || !rng.chance(0.6)) continue;
    const created = Math.min(last, Math.max(floor, c.start + rng.between(10, 40)));
    const amount = c.annualValue * 1.5;
    const origin: DealOrigin = latent.preexisting || plan.contracts[0] !== c ? 'expansion' : 'new';
    writeDeal(w, {
      amount,
      stage: 'open',
      origin,
      family: c.family,
      created,
      close: c.end + rng.between(5, 45),
    });
  }
}

type InvoiceWriter = {
  ctx: DemoContext;
  sink: RowSink;
  rng: Rng;
  latent: AccountLatent;
  account: string;
  /** Business-unit names by rank, filled on first use. */
  units: string[];
};

/** Day an invoice issued on `issued` is paid, or -1 while it is unpaid at `until`. */
function paymentDay(w: InvoiceWriter, issued: number): number {
  const { rng, latent } = w;
  const last = w.ctx.population.window.last;
  // A customer on its way out leaves the last bills unpaid.
  if (latent.stopDay !== NEVER && issued >= latent.stopDay - 120 && rng.chance(0.35)) return -1;
  if (rng.chance(0.002)) return -1;
  let paid: number;
  if (latent.slowPayer && rng.chance(0.75)) paid = issued + 30 + rng.between(20, 90);
  else if (rng.chance(Math.min(0.2, Math.max(0.01, 0.05 - 0.03 * latent.behavior))))
    paid = issued + 30 + rng.between(1, 15);
  else paid = issued + rng.between(3, 30);
  return paid > last ? -1 : paid;
}

type InvoiceDraft = {
  issued: number;
  amount: number;
  family: number;
  unit: number;
  region: number;
};

function unitName(w: InvoiceWriter, rank: number): string {
  let name = w.units[rank];
  if (name === undefined) {
    name = businessUnit(w.ctx, w.latent.index, rank);
    w.units[rank] = name;
  }
  return name;
}

function writeInvoice(w: InvoiceWriter, d: InvoiceDraft): void {
  const days = w.ctx.days;
  const paid = paymentDay(w, d.issued);
  w.sink.sequence += 1;
  w.sink.rows.push({
    id: sequenceId('INV-', w.sink.sequence, 10),
    account_id: w.account,
    issued_on: days.iso(d.issued),
    due_on: days.iso(d.issued + 30),
    paid_on: paid < 0 ? null : days.iso(paid),
    amount: d.amount,
    product_family_id: familyId(d.family),
    business_unit: unitName(w, d.unit),
    region: regionCode(d.region),
  });
}

/** Invoice rows of an account: term contracts billed monthly, quarterly or yearly, pilot fees, one-off purchases. */
export function emitInvoices(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  const plan = planCommerce(ctx, latent);
  if (plan.contracts.length === 0 && plan.purchases.length === 0) return;
  const rng = streamFor(ctx.key, 'invoice', latent.index);
  const w: InvoiceWriter = { ctx, sink, rng, latent, account: accountId(latent.index), units: [] };
  const days = ctx.days;
  const last = ctx.population.window.last;
  const months = latent.billingMonths;
  const draft: InvoiceDraft = { issued: 0, amount: 0, family: 0, unit: 0, region: 0 };
  for (const c of plan.contracts) {
    draft.family = c.family;
    draft.unit = c.unit;
    draft.region = c.region;
    if (c.pilot) {
      draft.issued = c.start;
      draft.amount = pilotFee(c);
      writeInvoice(w, draft);
      continue;
    }
    draft.amount = cents((c.annualValue * months) / 12);
    for (let k = 1, issued = c.anchor; issued <= c.end && issued <= last; k += 1) {
      if (issued >= c.start) {
        draft.issued = issued;
        writeInvoice(w, draft);
      }
      issued = days.addMonths(c.anchor, k * months);
    }
  }
  for (const p of plan.purchases) {
    draft.issued = p.day;
    draft.amount = p.amount;
    draft.family = p.family;
    draft.unit = p.unit;
    draft.region = p.region;
    writeInvoice(w, draft);
  }
}
