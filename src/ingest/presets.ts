import type { EntityName } from '../core/entities.ts';

import type { Preset } from '../core/import-plan.ts';

export type { Preset };
export const PRESETS: readonly Preset[] = ['native', 'salesforce', 'hubspot'];

export function isPreset(value: string): value is Preset {
  return (PRESETS as readonly string[]).includes(value);
}

/**
 * A column a file may carry for one entity: a canonical field, or one of the ways to name the
 * account a row belongs to (support and billing exports name it by domain or name only).
 */
export type TargetColumn = string;
export const ACCOUNT_DOMAIN = 'account_domain';
export const ACCOUNT_NAME = 'account_name';

type PresetSpec = {
  /** Extra header aliases per entity and target column (API names and labels). */
  aliases: Partial<Record<EntityName, Record<TargetColumn, readonly string[]>>>;
  /** Enum synonyms per field name, keys normalised with `normalizeToken`. */
  values: Record<string, Record<string, string>>;
  /** Non-ISO date formats (strptime) the preset's exports use, tried after ISO dates. */
  dateFormats: readonly string[];
  /** Salesforce record ids come as 15 (case-sensitive) or 18 characters: store them as 18. */
  salesforceIds: boolean;
  /** Salesforce report exports end with a footer block (totals, copyright): ignore it. */
  footer: boolean;
};

/** Salesforce objects that are custom objects (`Name__c` fields) in a typical org. */
const sfCustomAccountRef = ['Account__c', 'Account ID', 'AccountId'];

const salesforce: PresetSpec = {
  aliases: {
    rep: {
      id: ['Id', 'User ID'],
      name: ['Name', 'Full Name'],
      email: ['Email'],
      role: ['Title', 'Role'],
      capacity_hours: ['Capacity_Hours__c', 'Capacity Hours'],
      territory: ['Territory__c', 'Territory'],
    },
    product_family: {
      id: ['Id', 'Product Family ID'],
      name: ['Name', 'Product Family Name'],
      stage: ['Lifecycle_Stage__c', 'Lifecycle Stage'],
      margin_class: ['Margin_Class__c'],
      growth_aligned: ['Growth_Aligned__c'],
    },
    account: {
      id: ['Id', 'Account ID'],
      name: ['Name', 'Account Name'],
      domain: ['Website'],
      industry: ['Industry'],
      country: ['BillingCountry', 'Billing Country'],
      region: ['Region__c'],
      employees: ['NumberOfEmployees', 'Employees'],
      annual_revenue: ['AnnualRevenue', 'Annual Revenue'],
      owner_id: ['OwnerId', 'Account Owner', 'Owner ID'],
      parent_id: ['ParentId', 'Parent Account ID', 'Parent Account'],
      created_on: ['CreatedDate', 'Created Date'],
    },
    contact: {
      id: ['Id', 'Contact ID'],
      account_id: ['AccountId', 'Account ID'],
      name: ['Name', 'Full Name'],
      title: ['Title'],
      seniority: ['Seniority__c'],
      role: ['Buying_Role__c', 'Buying Role'],
      business_unit: ['Department'],
      email: ['Email'],
    },
    deal: {
      id: ['Id', 'Opportunity ID'],
      account_id: ['AccountId', 'Account ID'],
      name: ['Name', 'Opportunity Name'],
      amount: ['Amount'],
      stage: ['StageName', 'Stage'],
      type: ['Type', 'Opportunity Type'],
      product_family_id: ['Product_Family__c'],
      created_on: ['CreatedDate', 'Created Date'],
      close_date: ['CloseDate', 'Close Date'],
    },
    contract: {
      id: ['Id', 'Contract ID'],
      account_id: ['AccountId', 'Account ID'],
      product_family_id: ['Product_Family__c'],
      start_date: ['StartDate', 'Contract Start Date'],
      end_date: ['EndDate', 'Contract End Date'],
      annual_value: ['Annual_Value__c'],
      kind: ['Contract_Kind__c', 'Contract Kind'],
      status: ['Status'],
      renewal_date: ['Renewal_Date__c'],
    },
    invoice: {
      id: ['Id', 'Invoice ID'],
      account_id: sfCustomAccountRef,
      issued_on: ['Issued_Date__c', 'Invoice Date'],
      due_on: ['Due_Date__c'],
      paid_on: ['Paid_Date__c'],
    },
    ticket: {
      id: ['Id', 'Case ID'],
      account_id: ['AccountId', 'Account ID'],
      opened_on: ['CreatedDate', 'Date/Time Opened'],
      closed_on: ['ClosedDate', 'Date/Time Closed'],
      severity: ['Priority'],
    },
    activity: {
      id: ['Id', 'Activity ID'],
      account_id: ['AccountId', 'Account ID'],
      occurred_on: ['ActivityDate', 'Due Date Only'],
      kind: ['Type', 'TaskSubtype'],
      attendee_seniority: ['Attendee_Seniority__c'],
      contact_id: ['WhoId', 'Name ID'],
    },
    assessment_answer: {
      id: ['Id'],
      account_id: sfCustomAccountRef,
      answered_on: ['Answered_Date__c'],
    },
    competitor_sighting: { id: ['Id'], account_id: sfCustomAccountRef, seen_on: ['Seen_Date__c'] },
    feature_request: {
      id: ['Id'],
      account_id: sfCustomAccountRef,
      requested_on: ['Requested_Date__c'],
    },
    signal: { id: ['Id'], account_id: sfCustomAccountRef, reported_on: ['Reported_Date__c'] },
  },
  values: {
    // the standard sales process's stage names; every stage but the two closed ones is open
    stage: {
      closed_won: 'won',
      closed_lost: 'lost',
      prospecting: 'open',
      qualification: 'open',
      needs_analysis: 'open',
      value_proposition: 'open',
      id_decision_makers: 'open',
      perception_analysis: 'open',
      proposal_price_quote: 'open',
      negotiation_review: 'open',
    },
    type: {
      new_business: 'new',
      existing_customer_upgrade: 'expansion',
      existing_customer_replacement: 'expansion',
      existing_customer_downgrade: 'expansion',
      existing_customer_renewal: 'renewal',
    },
    status: { activated: 'active' },
    severity: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
    kind: {
      meeting: 'meeting',
      call: 'call',
      email: 'email',
      qbr: 'qbr',
      event: 'event',
      visit: 'visit',
    },
  },
  dateFormats: ['%m/%d/%Y', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %H:%M'],
  salesforceIds: true,
  footer: true,
};

const hubspotCompanyRef = ['Associated Company IDs', 'Associated Company ID', 'Company ID'];

const hubspot: PresetSpec = {
  aliases: {
    rep: {
      id: ['Owner ID', 'User ID', 'hubspot_owner_id'],
      name: ['Name', 'Owner Name'],
      email: ['Email'],
      territory: ['Team', 'Territory'],
    },
    product_family: { id: ['Record ID', 'hs_object_id'], name: ['Name', 'Product Family'] },
    account: {
      id: ['Record ID', 'hs_object_id', 'Company ID'],
      name: ['Company name', 'name'],
      domain: ['Company Domain Name', 'Website URL', 'domain', 'website'],
      industry: ['Industry'],
      country: ['Country/Region', 'country'],
      employees: ['Number of Employees', 'numberofemployees'],
      annual_revenue: ['Annual Revenue', 'annualrevenue'],
      owner_id: ['Company owner', 'hubspot_owner_id'],
      parent_id: ['Parent Company ID', 'hs_parent_company_id'],
      created_on: ['Create Date', 'createdate'],
    },
    contact: {
      id: ['Record ID', 'hs_object_id'],
      account_id: hubspotCompanyRef,
      [ACCOUNT_NAME]: ['Associated Company', 'Company Name'],
      name: ['Full Name'],
      title: ['Job Title', 'jobtitle'],
      role: ['Buying Role', 'hs_buying_role'],
      business_unit: ['Department'],
    },
    deal: {
      id: ['Record ID', 'hs_object_id'],
      account_id: hubspotCompanyRef,
      [ACCOUNT_NAME]: ['Associated Company'],
      name: ['Deal Name', 'dealname'],
      stage: ['Deal Stage', 'dealstage'],
      type: ['Deal Type', 'dealtype'],
      created_on: ['Create Date', 'createdate'],
      close_date: ['Close Date', 'closedate'],
    },
    contract: { id: ['Record ID'], account_id: hubspotCompanyRef },
    invoice: {
      id: ['Record ID', 'Invoice Number'],
      account_id: hubspotCompanyRef,
      issued_on: ['Invoice Date'],
      due_on: ['Due Date'],
      paid_on: ['Payment Date'],
    },
    ticket: {
      id: ['Ticket ID', 'Record ID', 'hs_object_id'],
      account_id: hubspotCompanyRef,
      opened_on: ['Create date', 'createdate'],
      closed_on: ['Close date', 'closed_date'],
      severity: ['Priority', 'hs_ticket_priority'],
    },
    activity: {
      id: ['Record ID', 'Activity ID'],
      account_id: hubspotCompanyRef,
      occurred_on: ['Activity date', 'hs_timestamp'],
      kind: ['Activity type', 'hs_activity_type'],
      contact_id: ['Associated Contact IDs'],
    },
    assessment_answer: { id: ['Record ID'], account_id: hubspotCompanyRef },
    competitor_sighting: { id: ['Record ID'], account_id: hubspotCompanyRef },
    feature_request: { id: ['Record ID'], account_id: hubspotCompanyRef },
    signal: { id: ['Record ID'], account_id: hubspotCompanyRef },
  },
  values: {
    stage: {
      closedwon: 'won',
      closed_won: 'won',
      closedlost: 'lost',
      closed_lost: 'lost',
      appointmentscheduled: 'open',
      qualifiedtobuy: 'open',
      presentationscheduled: 'open',
      decisionmakerboughtin: 'open',
      contractsent: 'open',
    },
    type: {
      newbusiness: 'new',
      new_business: 'new',
      existingbusiness: 'expansion',
      existing_business: 'expansion',
    },
    severity: { urgent: 'critical' },
  },
  dateFormats: ['%m/%d/%Y', '%d/%m/%Y %H:%M'],
  salesforceIds: false,
  footer: false,
};

const native: PresetSpec = {
  aliases: {},
  values: {},
  dateFormats: [],
  salesforceIds: false,
  footer: false,
};

export const PRESET_SPECS: Record<Preset, PresetSpec> = { native, salesforce, hubspot };

/** Header normalisation as the CRMs' import tools do it: case, spacing and `__c` ignored. */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/__c$/, '')
    .replace(/[\s_\-.]+/g, '');
}

/** Enum value normalisation: `Closed Won`, `closed-won` and `CLOSED_WON` all give `closed_won`. */
export function normalizeToken(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
