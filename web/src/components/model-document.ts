import { isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';

export const DIMENSIONS = ['need', 'value', 'behavior'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type YamlPath = readonly (string | number)[];

export type CriterionWeight = {
  id: string;
  /** What the criterion reads: a computed feature or an assessment question (null: neither). */
  source: 'feature' | 'question' | null;
  weight: number | null;
  path: YamlPath;
};

export type TierSettings = {
  mode: 'share' | 'thresholds';
  tier1Share: number | null;
  thresholdValue: number | null;
  thresholdNeed: number | null;
  behaviorThreshold: number | null;
  hysteresis: number | null;
};

/** The parts of a model document the weights view edits, read from the document as written. */
export type ModelWeightsView = {
  name: string | null;
  dimensions: { dimension: Dimension; criteria: CriterionWeight[] }[];
  tiers: TierSettings;
  stages: { stage: string; weights: { id: string; weight: number | null; path: YamlPath }[] }[];
};

type ReadModelResult = { ok: true; view: ModelWeightsView } | { ok: false; error: string };

/** The defaults the engine applies when a tier setting is left out. */
export const TIER_DEFAULTS = { tier1Share: 0.1, behaviorThreshold: 50, hysteresis: 3 } as const;
const DEFAULT_THRESHOLDS = { value: 70, need: 70 };

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Reads the weights, tier settings and stage presets out of a model document (YAML or JSON).
 * Only syntax is checked here: whether the model is valid is the API's answer.
 */
export function readModelWeights(text: string): ReadModelResult {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) return { ok: false, error: error.message };
  const root = record(doc.toJS());
  const dimensions = record(root['dimensions']);
  const tiers = record(root['tiers']);
  const thresholds = tiers['thresholds'] === undefined ? null : record(tiers['thresholds']);
  return {
    ok: true,
    view: {
      name: typeof root['name'] === 'string' ? root['name'] : null,
      dimensions: DIMENSIONS.map((dimension) => {
        const criteria = record(dimensions[dimension])['criteria'];
        return {
          dimension,
          criteria: (Array.isArray(criteria) ? criteria : []).map((item: unknown, index) => {
            const criterion = record(item);
            const id = criterion['id'];
            return {
              id: typeof id === 'string' && id ? id : `criterion ${index + 1}`,
              source:
                criterion['feature'] !== undefined
                  ? 'feature'
                  : criterion['question'] !== undefined
                    ? 'question'
                    : null,
              weight: numberOrNull(criterion['weight']),
              path: ['dimensions', dimension, 'criteria', index, 'weight'],
            };
          }),
        };
      }),
      tiers: {
        mode: thresholds ? 'thresholds' : 'share',
        tier1Share: numberOrNull(tiers['tier1Share']),
        thresholdValue: thresholds ? numberOrNull(thresholds['value']) : null,
        thresholdNeed: thresholds ? numberOrNull(thresholds['need']) : null,
        behaviorThreshold: numberOrNull(tiers['behaviorThreshold']),
        hysteresis: numberOrNull(tiers['hysteresis']),
      },
      stages: Object.entries(record(root['stages'])).map(([stage, weights]) => ({
        stage,
        weights: Object.entries(record(weights)).map(([id, weight]) => ({
          id,
          weight: numberOrNull(weight),
          path: ['stages', stage, id],
        })),
      })),
    },
  };
}

/** The document after `edit`, re-laid by the YAML library (comments kept, long lines not folded). */
function editDocument(text: string, edit: (doc: Document) => void): string {
  const doc = parseDocument(text);
  try {
    edit(doc);
  } catch {
    // a parent on the path is not a mapping (say `tiers: 5`): the validation names that problem
    return text;
  }
  return doc.toString({ lineWidth: 0 });
}

/**
 * The document with the number at `path` set to `value`. An existing number is replaced in the
 * text itself, so every other byte (comments, alignment, one-line criteria) stays as written;
 * a missing one is added through the YAML document, which keeps comments but re-lays the text.
 */
export function setModelNumber(text: string, path: YamlPath, value: number): string {
  const node = parseDocument(text).getIn(path, true);
  if (isScalar(node) && typeof node.value === 'number' && node.range) {
    const [start, end] = node.range;
    return `${text.slice(0, start)}${String(value)}${text.slice(end)}`;
  }
  return editDocument(text, (d) => d.setIn(path, value));
}

/** The text from a tier setting's key to the end of its value, when both are in the source. */
function tierSettingSpan(text: string, key: string): [number, number] | null {
  const tiers = parseDocument(text).get('tiers', true);
  if (!isMap(tiers)) return null;
  const pair = tiers.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (!pair || !isScalar(pair.key) || !isNode(pair.value)) return null;
  const start = pair.key.range?.[0];
  const end = pair.value.range?.[1];
  if (start === undefined || end === undefined) return null;
  // a block value's range runs on to the next key: keep the line break and indent before it
  return [start, start + text.slice(start, end).trimEnd().length];
}

/**
 * The document switched between a target share of Tier 1 accounts and fixed value/need
 * thresholds (the engine uses thresholds whenever they are given). The setting is swapped in
 * place in the text when it can be, so the comments around it stay where they were.
 */
export function setTierMode(text: string, mode: TierSettings['mode']): string {
  const [remove, add] =
    mode === 'thresholds'
      ? ([
          'tier1Share',
          `thresholds: { value: ${DEFAULT_THRESHOLDS.value}, need: ${DEFAULT_THRESHOLDS.need} }`,
        ] as const)
      : (['thresholds', `tier1Share: ${TIER_DEFAULTS.tier1Share}`] as const);
  const span = tierSettingSpan(text, remove);
  if (span) return `${text.slice(0, span[0])}${add}${text.slice(span[1])}`;
  return editDocument(text, (doc) => {
    if (doc.hasIn(['tiers', remove])) doc.deleteIn(['tiers', remove]);
    if (mode === 'thresholds') {
      doc.setIn(['tiers', 'thresholds'], doc.createNode(DEFAULT_THRESHOLDS, { flow: true }));
    } else {
      doc.setIn(['tiers', 'tier1Share'], TIER_DEFAULTS.tier1Share);
    }
  });
}

/**
 * Where a problem's path (`dimensions.need.criteria.2.weight`) is in the text: the deepest node
 * on the path that exists, as [start, end] offsets (null when not even the first key does).
 */
export function locateModelPath(text: string, path: string): [number, number] | null {
  const doc = parseDocument(text);
  const keys = path
    .split('.')
    .filter(Boolean)
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
  for (let length = keys.length; length > 0; length--) {
    let node: unknown;
    try {
      node = doc.getIn(keys.slice(0, length), true);
    } catch {
      continue;
    }
    if (isNode(node) && node.range) return [node.range[0], node.range[1]];
  }
  return null;
}
