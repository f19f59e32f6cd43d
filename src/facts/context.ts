import type { Authentication } from '../auth/token.service';
import type { IdempotencyHolder } from '../idempotency/idempotency';
import type { OperationRecord } from '../observability/metrics';
import type { Services } from './services';

/** What every resolver is handed: the request's services, and what the request is. */
export interface Context {
  services: Services;
  /** Verifies the request's bearer token, once, when an operation first needs it. */
  authenticate(): Promise<Authentication>;
  /** What the operation turns out to be and do, for the access log and the metrics. */
  record: OperationRecord;
  /** The request's Idempotency-Key, once checked (HTTP mutations only). */
  idempotency: IdempotencyHolder;
}
