import { HotspotError, type ErrorDetails } from '../errors.ts';

/** A model function was given data of the wrong shape (empty, unequal lengths, out of range). */
export class ModelInputError extends HotspotError {
  constructor(fn: string, message: string, details?: ErrorDetails) {
    super('INVALID_INPUT', `${fn}: ${message}`, { details: { function: fn, ...details } });
    this.name = 'ModelInputError';
  }
}

/** A maximum-likelihood fit stopped without meeting its convergence test. */
export class NotConvergedError extends HotspotError {
  constructor(model: string, reason: string, details?: ErrorDetails) {
    super('NOT_CONVERGED', `${model} fit did not converge: ${reason}`, {
      details: { model, ...details },
    });
    this.name = 'NotConvergedError';
  }
}
