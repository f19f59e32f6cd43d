// `npm run check-contract [schema file]`: the schema the server emits must be a compatible superset of the public
// contract in contract/api-contract.graphql (graphql-js finds no breaking change from the contract to it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import graphql from 'graphql';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contractFile = path.join(projectRoot, 'contract', 'api-contract.graphql');
const emittedFile = path.resolve(process.argv[2] ?? path.join(projectRoot, 'schema.graphql'));

function readSchema(file) {
  try {
    return graphql.buildSchema(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`check-contract: cannot read a schema from ${file}: ${error.message}`);
    process.exit(2);
  }
}

const contract = readSchema(contractFile);
const emitted = readSchema(emittedFile);
const breaking = graphql.findBreakingChanges(contract, emitted);
for (const change of breaking) console.log(`${change.type}: ${change.description}`);
console.log(
  breaking.length === 0
    ? `${path.relative(process.cwd(), emittedFile)} keeps the contract`
    : `${breaking.length} breaking change${breaking.length === 1 ? '' : 's'} against ${path.relative(process.cwd(), contractFile)}`,
);
process.exitCode = breaking.length === 0 ? 0 : 1;
