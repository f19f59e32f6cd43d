/**
 * The version of each kind of fact: something that changes with every committed write of the kind, in the same
 * transaction, so that an answer stored with the versions of the kinds it read is right exactly while they are
 * unchanged, on every instance that shares the database (`null`: no write of the kind yet).
 */
export interface Versions {
  /** The versions of `kinds` now, in their order. */
  read(kinds: readonly string[]): Promise<(number | null)[]>;
}
