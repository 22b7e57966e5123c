import { createRoute } from '@hono/zod-openapi';
import { churnReport, pilotReport, renewalReport, retentionReport } from '../../app/lifecycle.ts';
import { portfolioReport } from '../../app/portfolio.ts';
import { RunQuery } from '../../contract/common.ts';
import {
  LifecycleParams,
  LifecycleQuery,
  LifecycleReport,
  PortfolioReport,
} from '../../contract/reports.ts';
import { assertUnreachable } from '../../core/errors.ts';
import type { AccountScope } from '../../core/access.ts';
import type { Store } from '../../db/store.ts';
import { requestScope } from '../auth/authorize.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';
import { presentRun } from '../present.ts';

const portfolioRoute = createRoute({
  method: 'get',
  path: '/report',
  tags: ['reports'],
  summary:
    'tiers and categories with revenue and potential, the high-value list, average won deal by quarter',
  request: { query: RunQuery },
  responses: {
    200: jsonResponse(PortfolioReport, 'the portfolio report (as `hotspot report --json`)'),
    ...errorResponses(400, 404, 500),
  },
});

const lifecycleRoute = createRoute({
  method: 'get',
  path: '/lifecycle/{report}',
  tags: ['reports'],
  summary: 'pilots, renewals, churn or cohort retention as of a date',
  request: { params: LifecycleParams, query: LifecycleQuery },
  responses: {
    200: jsonResponse(LifecycleReport, 'as `hotspot lifecycle REPORT --json` prints it'),
    ...errorResponses(400, 404, 422, 500),
  },
});

async function lifecycleReport(
  store: Store,
  options: { report: LifecycleParams['report']; query: LifecycleQuery; scope: AccountScope },
): Promise<{ asOf: string }> {
  const { asOf, window, months, by } = options.query;
  const { scope } = options;
  switch (options.report) {
    case 'pilots':
      return pilotReport(store, { asOf, conversionWindowDays: window, scope });
    case 'renewals':
      return renewalReport(store, { asOf, months, scope });
    case 'churn':
      return churnReport(store, { asOf, scope });
    case 'retention':
      return retentionReport(store, { asOf, granularity: by, scope });
    default:
      return assertUnreachable(options.report);
  }
}

/** GET /report and GET /lifecycle/{pilots|renewals|churn|retention}. */
export function reportRoutes(store: Store) {
  return createRouter()
    .openapi(portfolioRoute, async (c) => {
      const report = await portfolioReport(store, {
        runId: c.req.valid('query').run,
        scope: requestScope(c),
      });
      return c.json({ ...report, run: presentRun(report.run) }, 200);
    })
    .openapi(lifecycleRoute, async (c) => {
      const report = await lifecycleReport(store, {
        report: c.req.valid('param').report,
        query: c.req.valid('query'),
        scope: requestScope(c),
      });
      return c.json(report, 200);
    });
}
