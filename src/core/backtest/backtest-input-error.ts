import { HotspotError, type ErrorDetails } from '../errors.ts';

/** A backtest function was given data of the wrong shape, or a cutoff or horizon it cannot read. */
export class BacktestInputError extends HotspotError {
  constructor(fn: string, message: string, details?: ErrorDetails) {
    super('INVALID_INPUT', `${fn}: ${message}`, { details: { function: fn, ...details } });
    this.name = 'BacktestInputError';
  }
}
