import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, print } from 'graphql';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Each value of `source` turned into `mapper`'s, pulled one at a time as graphql-ws asks: a plain iterator rather than
 * a Repeater, whose queues and promises cost every subscriber of a fan-out its share (GC and microtasks).
 */
function mapped<T, U>(source: AsyncIterable<T>, mapper: (value: T) => Promise<U>): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  const done = { done: true, value: undefined } as IteratorReturnResult<undefined>;
  return {
    next: async () => {
      const next = await iterator.next();
      return next.done ? done : { done: false, value: await mapper(next.value) };
    },
    return: async () => {
      await iterator.return?.();
      return done;
    },
    throw: async (error: unknown) => {
      if (iterator.throw) {
        const next = await iterator.throw(error);
        return next.done ? done : { done: false, value: await mapper(next.value) };
      }
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * graphql-ws `subscribe` that executes a subscription document once per published payload and
 * distinct (audience, document, variables), not once per subscriber: subscribers who ask the same
 * and may see the same share one result. `audience` names the callers shown the same answers (null
 * when it cannot be told: that subscriber shares nothing). Each execution gets a fresh context
 * (`refresh`), so that nothing cached by a long-lived subscription goes stale.
 */
export function subscribeSharingExecution<C>(refresh: (context: C) => C, audience: (context: C) => Promise<string | null>) {
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  return async (args: ExecutionArgs) => {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream;
    const sharedWith = await audience(args.contextValue as C).catch(() => null);
    const selection = JSON.stringify([sharedWith, print(args.document), args.variableValues ?? {}, args.operationName ?? null]);
    const run = (payload: unknown) => Promise.resolve(execute({ ...args, rootValue: payload, contextValue: refresh(args.contextValue as C) }));
    return mapped(stream, (payload: unknown) => {
      if (sharedWith === null || typeof payload !== 'object' || payload === null) return run(payload);
      let bySelection = results.get(payload);
      if (!bySelection) {
        bySelection = new Map();
        results.set(payload, bySelection);
      }
      let result = bySelection.get(selection);
      if (!result) {
        result = run(payload);
        bySelection.set(selection, result);
      }
      return result;
    });
  };
}
