/**
 * The version of each kind of fact: something that changes with every committed write of the kind, in the same
 * transaction, so that an answer stored with the versions of the kinds it read is right exactly while they are
 * unchanged, on every instance that shares the database (`null`: no write of the kind yet).
 */
export interface Versions {
  /** The versions of `kinds` now, in their order. */
  read(kinds: readonly string[]): Promise<(number | null)[]>;
}

/**
 * The reads asked for while none is waiting to start are made as one, started once those before it are done: each
 * caller gets versions read after it asked, so it still sees every write acknowledged before, and under load the
 * database is asked once per batch of cached answers rather than once each.
 */
export function coalescing(versions: Versions): Versions {
  let waiting: { kinds: Set<string>; read: Promise<Map<string, number | null>> } | null = null;
  let running: Promise<unknown> = Promise.resolve();
  return {
    read: async (kinds) => {
      if (!waiting) {
        const kindsOfBatch = new Set<string>();
        const read = running
          .catch(() => undefined)
          .then(() => new Promise((resolve) => setImmediate(resolve)))
          .then(async () => {
            // From here on, a caller waits for the next read: this one may have begun before it asked.
            waiting = null;
            const read = [...kindsOfBatch];
            const found = await versions.read(read);
            return new Map(read.map((kind, index) => [kind, found[index]]));
          });
        waiting = { kinds: kindsOfBatch, read };
        running = read;
      }
      for (const kind of kinds) waiting.kinds.add(kind);
      const found = await waiting.read;
      return kinds.map((kind) => found.get(kind) ?? null);
    },
  };
}
