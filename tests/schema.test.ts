import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import pino from 'pino';
import { createFactBus } from '../src/pubsub/pubsub';
import { buildKbSchema, printSortedSchema } from '../src/schema';

const root = path.resolve(__dirname, '..');

describe('schema.graphql', () => {
  it('is the schema the code emits (run `npm run emit-schema` after changing the API)', async () => {
    const committed = readFileSync(path.join(root, 'schema.graphql'), 'utf8');
    const { pubSub } = await createFactBus(null, pino({ level: 'silent' }));
    expect(committed).toBe(printSortedSchema(await buildKbSchema(pubSub)));
  });

  it('keeps the public contract: findBreakingChanges(contract, emitted) is empty', () => {
    const contract = buildSchema(readFileSync(path.join(root, '..', 'shared', 'api-contract.graphql'), 'utf8'));
    const emitted = buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
    expect(findBreakingChanges(contract, emitted).map((change) => `${change.type}: ${change.description}`)).toEqual([]);
  });
});
