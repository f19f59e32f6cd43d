import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles';
import { inWords } from '../db/relations';
import { writeTransaction } from '../db/write-transaction';
import type { FactKind, SeedRefs } from '../facts/fact-kind';
import type { FactWriterOptions } from '../facts/fact-writer';
import type { NodeClass } from '../facts/node';
import type { Services } from '../facts/services';
import { toGlobalId } from '../relay/global-id';
import { validateInput } from '../values/validation';

/** Who the seed's revisions name. */
export const SEED_ACTOR: Actor = { name: 'seed', role: 'editor', displayName: 'seed' };

export class SeedError extends Error {}

/** An entry that refers to a fact an editor deleted: it is left out, not added in spite of the deletion. */
class RefersToDeleted extends Error {}

interface HeldKey {
  id: number;
  deleted: boolean;
}

export interface SeedReport {
  /** Entries this start added, by kind ("casualty reports"): all 0 when the database already held them. */
  added: Record<string, number>;
  /** Entries left out because a fact they refer to is deleted (an editor's deletion stands; each start tries again). */
  skipped: string[];
}

/** How the seed has the application make services: every write joins `transaction` and is made as SEED_ACTOR. */
export type SeedServices = (writing: Required<Pick<FactWriterOptions, 'transaction' | 'onCreated'>> & Pick<FactWriterOptions, 'currentActor'>) => Services;

/** Seed keys to row ids, per kind, for the entries already in the database and those added as the seed goes. */
class SeedKeys implements SeedRefs {
  private readonly byType = new Map<string, Map<string, HeldKey>>();

  constructor(private readonly where: () => string) {}

  hold(entity: NodeClass, keys: Map<string, HeldKey>): void {
    this.byType.set(entity.name, keys);
  }

  one(entity: NodeClass, key: string): string {
    const held = this.byType.get(entity.name)?.get(key);
    if (held === undefined) throw new SeedError(`${this.where()}: no ${entity.name} entry has the key "${key}"`);
    if (held.deleted) throw new RefersToDeleted(`it refers to the ${entity.name} "${key}", which is deleted or left out`);
    return toGlobalId(entity.name, held.id);
  }

  optional(entity: NodeClass, key: string | null): string | null {
    return key === null ? null : this.one(entity, key);
  }

  many(entity: NodeClass, keys: readonly string[]): string[] {
    return keys.map((key) => this.one(entity, key));
  }
}

/**
 * Adds the seed entries whose key the database does not hold yet, kind after kind in the order given (a kind's
 * entries refer only to kinds before it), in one transaction, through the same validation and services as the
 * create mutations: each is recorded as a revision by SEED_ACTOR, so changes(since:) shows what the seed adds.
 * Entries already there, deleted ones included, are never touched, so an editor's correction or deletion survives
 * a restart, and an entry added to a seed file arrives on the next start.
 */
export function seedDatabase(dataSource: DataSource, kinds: readonly FactKind[], servicesFor: SeedServices): Promise<SeedReport> {
  return writeTransaction(dataSource, async (manager) => {
    let where = '';
    let creating: string | null = null;
    const keys = new SeedKeys(() => where);
    const services = servicesFor({
      transaction: manager,
      currentActor: async () => SEED_ACTOR,
      onCreated: async (transaction, entity, id) => {
        await transaction.update(entity, id, { seedKey: creating });
      },
    });
    const report: SeedReport = { added: {}, skipped: [] };
    for (const kind of kinds) {
      const label = inWords(dataSource.getMetadata(kind.entity).tableName);
      const held = await keysHeld(manager, kind.entity);
      keys.hold(kind.entity, held);
      report.added[label] = 0;
      for (const entry of kind.seed.entries) {
        if (held.has(entry.key)) continue;
        where = `seed ${label} "${entry.key}"`;
        try {
          const input = kind.seed.input(entry, keys);
          await validateInput(input);
          creating = entry.key;
          const fact = await services.get(kind.service).create(input);
          held.set(entry.key, { id: fact.id, deleted: false });
          report.added[label] += 1;
        } catch (error) {
          if (!(error instanceof RefersToDeleted)) throw error instanceof SeedError ? error : new SeedError(`${where}: ${(error as Error).message}`);
          // Held as deleted: an entry that refers to this one is left out in turn, rather than fail the start.
          held.set(entry.key, { id: 0, deleted: true });
          report.skipped.push(`${where}: ${error.message}`);
        }
      }
    }
    return report;
  });
}

/** The seed keys of a kind's rows, deleted ones included, with their ids. */
async function keysHeld(manager: EntityManager, entity: NodeClass): Promise<Map<string, HeldKey>> {
  const rows: { id: number; seedKey: string; deletedAt: unknown }[] = await manager
    .createQueryBuilder(entity, 'row')
    .select('row.id', 'id')
    .addSelect('row.seedKey', 'seedKey')
    .addSelect('row.deletedAt', 'deletedAt')
    .where('row.seedKey IS NOT NULL')
    .withDeleted()
    .getRawMany();
  return new Map(rows.map((row) => [row.seedKey, { id: Number(row.id), deleted: row.deletedAt !== null }]));
}
