import { useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import type { AccountFacets as AccountFacetsSchema } from '../../../src/contract/overview.ts';
import { shortTierLabel } from '../format.ts';
import {
  CATEGORIES,
  TIERS,
  isFiltered,
  type AccountsView,
  type Category,
  type Tier,
} from './accounts-view.ts';

type AccountFacets = z.infer<typeof AccountFacetsSchema>;

const SEARCH_DELAY_MS = 300;

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/** A select of the facet's values; the current value stays listed even when facets are not known. */
function FacetSelect({
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  label: string;
  allLabel: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  const values = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {values.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The accounts filters: search (applied after a short pause in typing), tiers and categories
 * (any of the checked), high-value only, owner and industry.
 */
export function AccountsFilters({
  view,
  facets,
  onChange,
}: {
  view: AccountsView;
  facets: AccountFacets | undefined;
  onChange: (change: Partial<AccountsView>, options?: { replace?: boolean }) => void;
}) {
  const searchId = useId();
  const moreId = useId();
  const [search, setSearch] = useState(view.q);
  // on a phone the filters beyond search fold away; on a wider screen they always show
  const [open, setOpen] = useState(false);
  const active =
    view.tiers.length +
    view.categories.length +
    (view.highValue ? 1 : 0) +
    (view.owner ? 1 : 0) +
    (view.industry ? 1 : 0);

  // back / forward (or a link) can change the search under the box
  const [shownQ, setShownQ] = useState(view.q);
  if (view.q !== shownQ) {
    setShownQ(view.q);
    setSearch(view.q);
  }

  useEffect(() => {
    if (search === view.q) return undefined;
    const timer = window.setTimeout(() => {
      // typing a word is one step of history, not one per pause
      onChange({ q: search, page: 1 }, { replace: view.q !== '' && search !== '' });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, view.q, onChange]);

  return (
    <div className="accounts-filters" role="search" aria-label="Filter accounts">
      <div className="field accounts-search">
        <label htmlFor={searchId}>Search</label>
        <input
          id={searchId}
          type="search"
          placeholder="Name or external id"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onChange({ q: search, page: 1 });
          }}
        />
      </div>
      <button
        type="button"
        className="button accounts-filters-toggle"
        aria-expanded={open}
        aria-controls={moreId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide filters' : `Filters${active > 0 ? ` (${active})` : ''}`}
      </button>
      <div id={moreId} className={open ? 'accounts-filters-more open' : 'accounts-filters-more'}>
        <fieldset className="chip-group">
          <legend>Tier</legend>
          {TIERS.map((tier: Tier) => (
            <label key={tier} className="chip">
              <input
                type="checkbox"
                checked={view.tiers.includes(tier)}
                onChange={(event) =>
                  onChange({ tiers: toggle(view.tiers, tier, event.target.checked), page: 1 })
                }
              />
              <span>{shortTierLabel(tier)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="chip-group">
          <legend>Category</legend>
          {CATEGORIES.map((category: Category) => (
            <label key={category} className="chip">
              <input
                type="checkbox"
                checked={view.categories.includes(category)}
                onChange={(event) =>
                  onChange({
                    categories: toggle(view.categories, category, event.target.checked),
                    page: 1,
                  })
                }
              />
              <span>{category}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="chip-group">
          <legend>Potential</legend>
          <label className="chip">
            <input
              type="checkbox"
              checked={view.highValue}
              onChange={(event) => onChange({ highValue: event.target.checked, page: 1 })}
            />
            <span>★ High value only</span>
          </label>
        </fieldset>
        <FacetSelect
          label="Owner"
          allLabel="All owners"
          value={view.owner}
          options={facets?.owners ?? []}
          onChange={(owner) => onChange({ owner, page: 1 })}
        />
        <FacetSelect
          label="Industry"
          allLabel="All industries"
          value={view.industry}
          options={facets?.industries ?? []}
          onChange={(industry) => onChange({ industry, page: 1 })}
        />
      </div>
      {isFiltered(view) ? (
        <button
          type="button"
          className="button accounts-clear"
          onClick={() => {
            setSearch('');
            onChange({
              tiers: [],
              categories: [],
              highValue: false,
              owner: '',
              industry: '',
              q: '',
              page: 1,
            });
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
