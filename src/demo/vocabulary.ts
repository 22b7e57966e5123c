/**
 * Fixed word lists and reference tables of the demo generator: industries, regions,
 * product families, names. Everything here is constant; randomness lives elsewhere.
 */

import type { LifecycleStage, Seniority } from '../core/entities.ts';

/** Returns `list[index]`; throws when the index is out of range (a generator bug). */
export function item<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`item: index ${index} out of range ${list.length}`);
  return value;
}

/** Splits a space-separated list of single words. */
function words(list: string): readonly string[] {
  return list.split(' ');
}

export type Industry = {
  name: string;
  /** Words that end a company name in this industry ("Bright Harbor Logistics"). */
  words: readonly string[];
  /** Relative share of accounts. */
  weight: number;
  /** How much of its revenue such a company spends on offerings like ours (relative). */
  intensity: number;
  /** Median revenue per employee, USD. */
  revenuePerEmployee: number;
  /** Indexes of the product families this industry buys most. */
  favourites: readonly number[];
};

export const INDUSTRIES: readonly Industry[] = [
  {
    name: 'Software',
    words: ['Software', 'Systems', 'Labs', 'Technologies'],
    weight: 12,
    intensity: 1.6,
    revenuePerEmployee: 280e3,
    favourites: [1, 2, 5],
  },
  {
    name: 'Financial Services',
    words: ['Capital', 'Finance', 'Investments', 'Payments'],
    weight: 10,
    intensity: 1.4,
    revenuePerEmployee: 400e3,
    favourites: [0, 3, 7],
  },
  {
    name: 'Healthcare',
    words: ['Health', 'Medical', 'Care', 'Clinics'],
    weight: 10,
    intensity: 0.9,
    revenuePerEmployee: 180e3,
    favourites: [3, 4, 7],
  },
  {
    name: 'Manufacturing',
    words: ['Industries', 'Manufacturing', 'Works', 'Engineering'],
    weight: 14,
    intensity: 0.7,
    revenuePerEmployee: 250e3,
    favourites: [6, 8, 5],
  },
  {
    name: 'Retail',
    words: ['Retail', 'Stores', 'Brands', 'Outfitters'],
    weight: 11,
    intensity: 0.6,
    revenuePerEmployee: 200e3,
    favourites: [0, 4, 9],
  },
  {
    name: 'Logistics',
    words: ['Logistics', 'Freight', 'Transport', 'Shipping'],
    weight: 9,
    intensity: 0.6,
    revenuePerEmployee: 220e3,
    favourites: [5, 6, 8],
  },
  {
    name: 'Energy',
    words: ['Energy', 'Power', 'Utilities', 'Resources'],
    weight: 7,
    intensity: 0.8,
    revenuePerEmployee: 600e3,
    favourites: [8, 7, 0],
  },
  {
    name: 'Telecommunications',
    words: ['Telecom', 'Networks', 'Communications', 'Wireless'],
    weight: 6,
    intensity: 1.2,
    revenuePerEmployee: 450e3,
    favourites: [3, 1, 8],
  },
  {
    name: 'Education',
    words: ['Learning', 'Education', 'Academy', 'Schools'],
    weight: 8,
    intensity: 0.5,
    revenuePerEmployee: 110e3,
    favourites: [4, 9, 2],
  },
  {
    name: 'Professional Services',
    words: ['Consulting', 'Advisors', 'Solutions', 'Analytics'],
    weight: 13,
    intensity: 1.0,
    revenuePerEmployee: 190e3,
    favourites: [4, 0, 9],
  },
];

export type Country = {
  code: string;
  weight: number;
  tld: string;
  suffixes: readonly string[];
};

export type Region = {
  code: string;
  weight: number;
  /** Multiplier on the wallet: price levels and maturity of the market. */
  walletFactor: number;
  countries: readonly Country[];
};

export const REGIONS: readonly Region[] = [
  {
    code: 'NA',
    weight: 40,
    walletFactor: 1.1,
    countries: [
      { code: 'US', weight: 88, tld: 'com', suffixes: ['Inc', 'Inc.', 'LLC', 'Corp'] },
      { code: 'CA', weight: 12, tld: 'ca', suffixes: ['Inc', 'Ltd'] },
    ],
  },
  {
    code: 'EMEA',
    weight: 33,
    walletFactor: 1.0,
    countries: [
      { code: 'GB', weight: 25, tld: 'co.uk', suffixes: ['Ltd', 'PLC'] },
      { code: 'DE', weight: 22, tld: 'de', suffixes: ['GmbH', 'AG'] },
      { code: 'FR', weight: 15, tld: 'fr', suffixes: ['SA'] },
      { code: 'NL', weight: 10, tld: 'nl', suffixes: ['Ltd'] },
      { code: 'SE', weight: 7, tld: 'se', suffixes: ['Ltd'] },
      { code: 'ES', weight: 8, tld: 'es', suffixes: ['SA'] },
      { code: 'IT', weight: 8, tld: 'it', suffixes: ['SA'] },
      { code: 'CH', weight: 5, tld: 'ch', suffixes: ['AG', 'GmbH'] },
    ],
  },
  {
    code: 'APAC',
    weight: 17,
    walletFactor: 0.9,
    countries: [
      { code: 'JP', weight: 30, tld: 'co.jp', suffixes: ['Ltd'] },
      { code: 'AU', weight: 30, tld: 'com.au', suffixes: ['Ltd'] },
      { code: 'SG', weight: 15, tld: 'com.sg', suffixes: ['Ltd'] },
      { code: 'IN', weight: 25, tld: 'in', suffixes: ['Ltd'] },
    ],
  },
  {
    code: 'LATAM',
    weight: 10,
    walletFactor: 0.7,
    countries: [
      { code: 'BR', weight: 45, tld: 'com.br', suffixes: ['SA'] },
      { code: 'MX', weight: 35, tld: 'com.mx', suffixes: ['SA'] },
      { code: 'AR', weight: 10, tld: 'com.ar', suffixes: ['SA'] },
      { code: 'CL', weight: 10, tld: 'cl', suffixes: ['SA'] },
    ],
  },
];

export type ProductFamily = {
  id: string;
  name: string;
  stage: LifecycleStage;
  marginClass: 'high' | 'standard' | 'low';
  growthAligned: boolean;
};

export const PRODUCT_FAMILIES: readonly ProductFamily[] = [
  {
    id: 'PF-01',
    name: 'Cloud Analytics',
    stage: 'growth',
    marginClass: 'high',
    growthAligned: true,
  },
  { id: 'PF-02', name: 'Data Platform', stage: 'growth', marginClass: 'high', growthAligned: true },
  {
    id: 'PF-03',
    name: 'AI Assistant',
    stage: 'introduction',
    marginClass: 'high',
    growthAligned: true,
  },
  {
    id: 'PF-04',
    name: 'Security Suite',
    stage: 'growth',
    marginClass: 'standard',
    growthAligned: true,
  },
  {
    id: 'PF-05',
    name: 'Collaboration Cloud',
    stage: 'maturity',
    marginClass: 'standard',
    growthAligned: false,
  },
  {
    id: 'PF-06',
    name: 'Integration Hub',
    stage: 'introduction',
    marginClass: 'standard',
    growthAligned: true,
  },
  { id: 'PF-07', name: 'On-Prem ERP', stage: 'decline', marginClass: 'low', growthAligned: false },
  {
    id: 'PF-08',
    name: 'Managed Services',
    stage: 'maturity',
    marginClass: 'standard',
    growthAligned: false,
  },
  {
    id: 'PF-09',
    name: 'Hardware Appliances',
    stage: 'decline',
    marginClass: 'low',
    growthAligned: false,
  },
  {
    id: 'PF-10',
    name: 'Professional Services',
    stage: 'maturity',
    marginClass: 'low',
    growthAligned: false,
  },
];

export const BUSINESS_UNITS: readonly string[] = [
  'Finance',
  'Operations',
  'IT',
  'Marketing',
  'Sales',
  'Supply Chain',
  'R&D',
  'Human Resources',
  'Customer Service',
];

/** C-level titles per business unit, in BUSINESS_UNITS order. */
const CHIEF_TITLES: readonly string[] = [
  'Chief Financial Officer',
  'Chief Operating Officer',
  'Chief Information Officer',
  'Chief Marketing Officer',
  'Chief Revenue Officer',
  'Chief Supply Chain Officer',
  'Chief Technology Officer',
  'Chief People Officer',
  'Chief Customer Officer',
];

/** TITLES[seniority index][business unit index], seniority in SENIORITIES order. */
export const TITLES: readonly (readonly string[])[] = [
  CHIEF_TITLES,
  BUSINESS_UNITS.map((bu) => `VP ${bu}`),
  BUSINESS_UNITS.map((bu) => `Director of ${bu}`),
  BUSINESS_UNITS.map((bu) => `${bu} Manager`),
  BUSINESS_UNITS.map((bu) => `${bu} Specialist`),
];

export const SENIORITY_ORDER: readonly Seniority[] = [
  'c_level',
  'vp',
  'director',
  'manager',
  'staff',
];

export const ADJECTIVES: readonly string[] = words(
  'Able Agile Alpine Amber Apex Arctic Azure Bold Brave Bright Brisk Bronze Calm ' +
    'Civic Clear Clever Coastal Cobalt Copper Coral Crimson Crystal Daring Deep ' +
    'Eastern Emerald Epic Evergreen Fair Fast Fine First Forward Free Fresh Frontier ' +
    'Golden Grand Granite Green High Honest Indigo Iron Ivory Jade Keen Kind Lively ' +
    'Lucky Lunar Maple Mighty Modern Noble Northern Ocean Onyx Open Pacific Pioneer ' +
    'Polar Prime Proud Quick Quiet Radiant Rapid Red Regal Royal Ruby Rustic Sage ' +
    'Sapphire Scarlet Silver Simple Smart Solar Solid Sound Southern Stellar Steady ' +
    'Sterling Sunny Swift Tidal True Twin Union United Upper Urban Valiant Velvet ' +
    'Vital Vivid Western',
);

export const NOUNS: readonly string[] = words(
  'Acorn Anchor Arrow Aspen Badger Beacon Bear Birch Bison Bridge Brook Canyon ' +
    'Cardinal Castle Cedar Cliff Comet Compass Condor Coyote Crane Creek Crest Crown ' +
    'Delta Dune Eagle Elm Falcon Fern Field Fjord Forest Fox Gate Glacier Grove ' +
    'Harbor Hawk Heron Hill Horizon Island Jaguar Kestrel Lagoon Lantern Lark Ledge ' +
    'Lighthouse Lion Lynx Meadow Mesa Mountain Oak Orbit Orchid Osprey Otter Owl ' +
    'Panther Peak Pebble Pelican Pier Pillar Pine Prairie Quarry Raven Reef Ridge ' +
    'River Robin Rock Sparrow Spring Spruce Star Stone Stream Summit Swan Thistle ' +
    'Tiger Timber Tower Trail Valley Vista Wave Willow Wolf Wren Yarrow Zenith ' +
    'Juniper Magnolia Sequoia',
);

/** Disambiguating place names, appended once every adjective-noun pair is used. */
export const PLACES: readonly string[] = words(
  'Aberdeen Albany Amsterdam Atlanta Austin Barcelona Berlin Bilbao Bordeaux Boston ' +
    'Bremen Brisbane Bristol Calgary Cambridge Charlotte Chicago Cologne Dallas ' +
    'Denver Detroit Dresden Dublin Edinburgh Florence Geneva Glasgow Gothenburg ' +
    'Hamburg Helsinki Houston Indianapolis Kyoto Leeds Leipzig Lille Lima Lisbon ' +
    'Liverpool Lyon Madrid Malmo Manchester Marseille Melbourne Memphis Miami Milan ' +
    'Monterrey Montreal Munich Nantes Naples Nashville Oakland Osaka Oslo Ottawa ' +
    'Oxford Perth Philadelphia Phoenix Pittsburgh Porto Portland Prague Quebec ' +
    'Raleigh Richmond Rotterdam Sacramento Salzburg Santiago Seattle Seville ' +
    'Sheffield Stockholm Stuttgart Sydney Tampa Toronto Toulouse Tucson Turin Utrecht ' +
    'Valencia Vancouver Venice Verona Vienna Warsaw Winnipeg Yokohama Zagreb Zurich ' +
    'Auckland Bergen Bologna Cardiff Durham',
);

export const FIRST_NAMES: readonly string[] = words(
  'Aisha Alejandro Amelia Ana Andre Anna Arjun Ben Carla Chen Chloe Daniel David ' +
    'Diego Elena Emma Ethan Fatima Felix Grace Hana Hannah Hiro Isabel Ivan James ' +
    'Jonas Julia Kai Karin Laura Leon Liam Lina Lucas Maria Mateo Maya Mei Mohammed ' +
    'Nadia Noah Nora Olivia Omar Pablo Priya Rafael Ravi Rosa Sam Sara Sofia Tariq ' +
    'Thomas Tom Valentina Wei Yuki Zoe',
);

export const LAST_NAMES: readonly string[] = words(
  'Andersen Bauer Becker Bianchi Brown Campbell Chen Costa Dubois Evans Fischer ' +
    'Garcia Gonzalez Gupta Hansen Hoffmann Ito Jensen Johnson Kim Kowalski Kumar ' +
    'Larsen Lee Lopez Martin Meyer Moreau Muller Murphy Nakamura Nguyen Novak ' +
    'Oliveira Patel Perez Petrov Rossi Russo Sato Schmidt Schneider Silva Singh Smith ' +
    'Suzuki Tanaka Taylor Thompson Torres Wagner Walker Wang Weber White Williams ' +
    'Wilson Wong Yamamoto Zhang',
);

/** The vendor's own mail domain: rep and staff addresses. */
export const VENDOR_DOMAIN = 'vendor.example';

/** Colleagues outside sales who log signals and sightings ("everyone sells"). */
export const STAFF_REPORTERS: readonly string[] = [
  `support@${VENDOR_DOMAIN}`,
  `customer-success@${VENDOR_DOMAIN}`,
  `marketing@${VENDOR_DOMAIN}`,
  `finance@${VENDOR_DOMAIN}`,
  `solutions-engineering@${VENDOR_DOMAIN}`,
];

export const REP_ROLES: readonly string[] = [
  'account_manager',
  'sales_executive',
  'key_account_lead',
];

export const COMPETITORS: readonly string[] = [
  'Globex',
  'Initech',
  'Contoso',
  'Vandelay Systems',
  'Hooli',
  'Soylent Data',
];

export const PITCHES: readonly string[] = [
  'Lower price per seat',
  'Bundled with their ERP suite',
  'Built-in AI features',
  'Local data residency',
  'Free migration services',
  'Multi-year discount',
  'Usage-based pricing',
  'Faster implementation',
];

const REQUEST_TEMPLATES: readonly ((area: string) => string)[] = [
  (a) => `Single sign-on with the customer's identity provider in ${a}`,
  (a) => `Export ${a} data to their data warehouse`,
  (a) => `Role-based access control in ${a}`,
  (a) => `Offline mode for the ${a} mobile app`,
  (a) => `Longer audit log retention in ${a}`,
  (a) => `Higher API rate limits for ${a}`,
  (a) => `Custom dashboards in ${a}`,
  (a) => `Localised ${a} interface (German, Spanish, Japanese)`,
];

/** REQUESTS[family index][template index]. */
export const REQUESTS: readonly (readonly string[])[] = PRODUCT_FAMILIES.map((f) =>
  REQUEST_TEMPLATES.map((t) => t(f.name)),
);

const UPSELL_TEMPLATES: readonly ((family: string) => string)[] = [
  (f) => `Asked about ${f} for another business unit`,
  (f) => `Planning to roll out ${f} to more regions`,
  (f) => `New CIO wants to standardise on ${f}`,
  (f) => `Budget approved for ${f} next year`,
  (f) => `Requested pricing for the ${f} enterprise tier`,
  (f) => `Usage of ${f} is growing fast, close to plan limits`,
];

const RISK_TEMPLATES: readonly ((family: string) => string)[] = [
  (f) => `Usage of ${f} dropped sharply`,
  () => 'Our champion left the company',
  () => 'Budget freeze announced',
  (f) => `Complained about the ${f} renewal price`,
  () => 'Escalation over open critical tickets',
  () => 'Invoices overdue, finance chasing',
];

/** SIGNAL_TEXTS.upsell[family][k], SIGNAL_TEXTS.risk[family][k]. */
export const SIGNAL_TEXTS = {
  upsell: PRODUCT_FAMILIES.map((f) => UPSELL_TEMPLATES.map((t) => t(f.name))),
  risk: PRODUCT_FAMILIES.map((f) => RISK_TEMPLATES.map((t) => t(f.name))),
  competitor: COMPETITORS.map((c) => [
    `Evaluating ${c} as an alternative`,
    `${c} invited their IT team to a workshop`,
    `Procurement asked ${c} for a quote`,
  ]),
  other: [
    'Merger announced',
    'New procurement process from next quarter',
    'Asked for a customer reference call',
    'Moving headquarters',
    'New CFO appointed',
    'Attended our user conference',
  ],
} as const;

/** DEAL_NAMES[family][type index], type index in DEAL_TYPES order. */
export const DEAL_NAMES: readonly (readonly string[])[] = PRODUCT_FAMILIES.map((f) => [
  `${f.name} - New business`,
  `${f.name} - Expansion`,
  `${f.name} - Pilot`,
  `${f.name} - Renewal`,
]);
