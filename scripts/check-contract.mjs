// `npm run check-contract [schema file] [contract file]`: the schema the server emits must be a compatible superset of the public
// contract in contract/api-contract.graphql, and the contract of every contract published before it, kept as it was
// in contract/published/: graphql-js finds no breaking change from any of them to the schema, nor from a published
// one to the contract (which only ever grows).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import graphql from 'graphql';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contractFile = path.resolve(process.argv[3] ?? path.join(projectRoot, 'contract', 'api-contract.graphql'));
const publishedDir = path.join(projectRoot, 'contract', 'published');
const emittedFile = path.resolve(process.argv[2] ?? path.join(projectRoot, 'schema.graphql'));

function readSchema(file) {
  try {
    return graphql.buildSchema(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`check-contract: cannot read a schema from ${file}: ${error.message}`);
    process.exit(2);
  }
}

const relative = (file) => path.relative(process.cwd(), file);
const published = readdirSync(publishedDir)
  .filter((name) => name.endsWith('.graphql'))
  .sort()
  .map((name) => path.join(publishedDir, name));
const checks = [
  [contractFile, emittedFile],
  ...published.flatMap((file) => [
    [file, contractFile],
    [file, emittedFile],
  ]),
];

let broken = 0;
for (const [older, newer] of checks) {
  const breaking = graphql.findBreakingChanges(readSchema(older), readSchema(newer));
  for (const change of breaking) console.log(`${change.type}: ${change.description}`);
  if (breaking.length > 0) console.log(`${breaking.length} breaking change${breaking.length === 1 ? '' : 's'} from ${relative(older)} to ${relative(newer)}`);
  broken += breaking.length;
}
if (broken === 0) console.log(`${relative(emittedFile)} keeps the contract (${relative(contractFile)} and ${published.length} published before it)`);
process.exitCode = broken === 0 ? 0 : 1;
