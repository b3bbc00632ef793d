// Thrown by run() once a tenant's scheduler is closed (uninstall, shutdown). Calls that had not
// started, or were waiting to be retried (then `cause` is the last CRM error), are rejected with
// it; it is not a CRM failure, so the pipeline leaves their inbox rows for a later retry.
import { LeadRouterError } from '../errors.ts';

export class SchedulerClosedError extends LeadRouterError {
  readonly tenant: string;
  constructor(tenant: string, options?: { cause?: unknown }) {
    const what = options?.cause === undefined ? 'the call was not made' : 'the call failed and was not retried';
    super('INTERNAL', `Scheduler for tenant ${tenant} is closed (app uninstalled or shutting down); ${what}`, options);
    this.tenant = tenant;
  }
}
