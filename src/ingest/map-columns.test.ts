import { describe, expect, it } from 'vitest';
import { mapColumns, matchColumns } from './map-columns.ts';

describe('mapColumns', () => {
  it('matches API names and labels, ignoring case, spacing, underscores and __c', () => {
    const mapping = mapColumns({
      fileName: 'deals.csv',
      entity: 'deal',
      preset: 'salesforce',
      headers: [
        'Opportunity ID',
        'ACCOUNTID',
        'amount',
        'Stage',
        'Opportunity  Type',
        'Created Date',
        'Product_Family__c',
        'Probability (%)',
      ],
    });
    expect(mapping.columns.map((c) => `${c.header}=${c.target}`)).toEqual([
      'Opportunity ID=id',
      'ACCOUNTID=account_id',
      'amount=amount',
      'Stage=stage',
      'Opportunity  Type=type',
      'Created Date=created_on',
      'Product_Family__c=product_family_id',
    ]);
    expect(mapping.ignored).toEqual(['Probability (%)']);
  });

  it('lets --map win over the preset', () => {
    const mapping = mapColumns({
      fileName: 'a.csv',
      entity: 'account',
      preset: 'native',
      headers: ['Customer No', 'Customer'],
      overrides: new Map([
        ['Customer No', 'id'],
        ['Customer', 'name'],
      ]),
    });
    expect(mapping.columns.map((c) => c.target)).toEqual(['id', 'name']);
  });

  it('marks the columns an override chose, matching its header as headers are matched', () => {
    const match = matchColumns({
      fileName: 't.csv',
      entity: 'ticket',
      preset: 'native',
      headers: ['id', 'customer_name', 'Opened', 'severity'],
      overrides: new Map([
        ['Customer Name', 'account_name'],
        ['opened', 'opened_on'],
        ['severity', 'amount'],
      ]),
    });
    expect(match.columns.map((c) => `${c.header}=${c.target} (${c.how})`)).toEqual([
      'id=id (preset)',
      'customer_name=account_name (map)',
      'Opened=opened_on (map)',
      'severity=severity (preset)',
    ]);
    expect(match.problem?.message).toMatch('--map "severity=amount": ticket has no field amount');
  });

  it('names the two columns that claim one field', () => {
    expect(() =>
      mapColumns({
        fileName: 'a.csv',
        entity: 'account',
        preset: 'native',
        headers: ['id', 'name', 'Account name'],
      }),
    ).toThrow(
      'a.csv: columns "name" and "Account name" both mean account.name; keep one or choose with --map',
    );
  });

  it('names a --map target the entity does not have', () => {
    expect(() =>
      mapColumns({
        fileName: 'a.csv',
        entity: 'ticket',
        preset: 'native',
        headers: ['id', 'x'],
        overrides: new Map([['x', 'amount']]),
      }),
    ).toThrow('--map "x=amount": ticket has no field amount');
  });

  it('accepts a domain or a name instead of the account id', () => {
    const mapping = mapColumns({
      fileName: 't.csv',
      entity: 'ticket',
      preset: 'native',
      headers: ['id', 'Customer domain', 'opened_on', 'severity'],
    });
    expect(mapping.columns.map((c) => c.target)).toEqual([
      'id',
      'account_domain',
      'opened_on',
      'severity',
    ]);
    expect(() =>
      mapColumns({
        fileName: 't.csv',
        entity: 'ticket',
        preset: 'native',
        headers: ['id', 'opened_on', 'severity'],
      }),
    ).toThrow(
      't.csv: no column for required field account_id (or account_domain or account_name) (looked for: account_id, Account, Account ID, Account external id)',
    );
  });
});
