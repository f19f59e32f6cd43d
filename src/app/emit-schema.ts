import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createFactBus } from '../pubsub/pubsub';
import { buildKbSchema, printSortedSchema } from './schema';

/** Writes schema.graphql at the project root (`npm run emit-schema`). */
async function main() {
  const file = path.resolve('schema.graphql');
  const { pubSub } = await createFactBus(null, pino({ level: 'silent' }));
  writeFileSync(file, printSortedSchema(await buildKbSchema(pubSub)));
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
