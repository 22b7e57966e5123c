import { z } from 'zod';

export const ModelResponse = z.object({
  name: z.string(),
  hash: z.string(),
  yaml: z.string().meta({ description: 'the default model document, with comments' }),
  model: z.record(z.string(), z.unknown()).meta({ description: 'the same model, parsed' }),
});

export const ValidateModelRequest = z.object({
  document: z.string().meta({ description: 'a model document, YAML or JSON text' }),
});

export const ModelProblem = z.object({
  path: z.string().meta({ example: 'dimensions.need.criteria.2.weight' }),
  message: z.string(),
});

export const ValidateModelResponse = z.object({
  valid: z.boolean(),
  hash: z.string().nullable(),
  problems: z.array(ModelProblem),
});
