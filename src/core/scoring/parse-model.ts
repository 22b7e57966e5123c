import { parseDocument } from 'yaml';
import { HotspotError } from '../errors.ts';
import { scoringModelSchema, type ScoringModel } from './scoring-model.ts';

export type ModelProblem = { path: string; message: string };

/** A model file that does not validate: one problem per path. */
export class InvalidModelError extends HotspotError {
  readonly problems: ModelProblem[];

  constructor(source: string, problems: ModelProblem[]) {
    super(
      'INVALID_INPUT',
      `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      { details: { problems } },
    );
    this.name = 'InvalidModelError';
    this.problems = problems;
  }
}

/**
 * Parses a model document (YAML or JSON, which is YAML too) and validates it; throws
 * InvalidModelError listing every problem with its path (e.g. `dimensions.need.criteria.2.weight`).
 */
export function parseModel(text: string, source: string): ScoringModel {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    throw new InvalidModelError(
      source,
      document.errors.map((e) => ({
        path: `line ${e.linePos?.[0]?.line ?? '?'}`,
        message: e.message.split('\n')[0] ?? e.message,
      })),
    );
  }
  const result = scoringModelSchema.safeParse(document.toJS());
  if (!result.success) {
    throw new InvalidModelError(
      source,
      result.error.issues.map((issue) => ({
        path: issue.path.length > 0 ? issue.path.join('.') : '(document)',
        message: describeIssue(issue),
      })),
    );
  }
  return result.data;
}

function describeIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys)
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

/** The weights a run uses: the dimension's own, replaced by the stage preset where it has one. */
export function weightFor(
  model: ScoringModel,
  options: { criterionId: string; baseWeight: number; stage: string | null },
): number {
  if (options.stage === null) return options.baseWeight;
  const preset = model.stages[options.stage as keyof ScoringModel['stages']];
  return preset?.[options.criterionId] ?? options.baseWeight;
}
