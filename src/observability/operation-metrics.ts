import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Metrics, OperationRecord } from './metrics';

/** Apollo plugin: fills in each HTTP operation's record (type, name, first field, error codes) and counts it. */
export function operationMetrics<C extends { record: OperationRecord }>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    requestDidStart: async ({ contextValue }) => {
      const started = performance.now();
      const { record } = contextValue;
      return {
        didResolveOperation: async ({ operation, operationName }) => {
          record.operationType = operation?.operation;
          record.operationName = operationName ?? undefined;
          const first = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
          record.rootField = first?.kind === Kind.FIELD ? first.name.value : undefined;
        },
        willSendResponse: async ({ response }) => {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          record.errorCodes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          metrics.operationDone('http', record);
          metrics.operationSeconds.observe({ type: record.operationType ?? 'none' }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
