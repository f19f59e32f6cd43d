import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, describeDatabase, loadConfig } from './config';
import { createDataSource } from './data-source';
import { prepareDatabase } from './prepare';
import { ROLES } from '../auth/roles';
import { TokenError, TokenListing, TokenService } from '../auth/token.service';

const USAGE = `usage: npm run token -- <command>

commands:
  create --role <role> --name <name> [--display-name <shown>]
                                       issue a token and print it, this once only; the public sees
                                       its changes as made by <shown> (by default, its role)
  list                                 show every token's name, role and dates
  revoke <name>                        revoke the active token of <name>
  help                                 show this message

roles: ${ROLES.join(', ')} (an admin may do all an editor may)
names: 1 to 100 letters, digits or . _ - @; one active token per name
The database is the server's: DATABASE_URL (default sqlite:data/kb.sqlite).`;

class UsageError extends Error {}

type Command = { kind: 'help' } | { kind: 'create'; name: string; role: string; displayName?: string } | { kind: 'list' } | { kind: 'revoke'; name: string };

function parseCommand(argv: string[]): Command {
  const [subcommand, ...rest] = argv;
  const parse = (options: ParseArgsConfig['options'] = {}) => {
    try {
      return parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  switch (subcommand) {
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case 'create': {
      const { values, positionals } = parse({ name: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' } });
      if (positionals.length) throw new UsageError(`create takes no arguments besides --role, --name and --display-name, got "${positionals[0]}"`);
      if (typeof values.name !== 'string' || typeof values.role !== 'string') throw new UsageError('create needs --role and --name');
      return { kind: 'create', name: values.name, role: values.role, displayName: values['display-name'] as string | undefined };
    }
    case 'list': {
      const { positionals } = parse();
      if (positionals.length) throw new UsageError('list takes no arguments');
      return { kind: 'list' };
    }
    case 'revoke': {
      const { positionals } = parse();
      if (positionals.length !== 1) throw new UsageError('revoke takes exactly one name');
      return { kind: 'revoke', name: positionals[0] };
    }
    case undefined:
      throw new UsageError('a command is needed');
    default:
      throw new UsageError(`unknown command "${subcommand}"`);
  }
}

function formatDate(date: Date | null): string {
  return date ? date.toISOString().slice(0, 19).replace('T', ' ') + 'Z' : '-';
}

function formatTable(tokens: TokenListing[]): string {
  const rows = [
    ['NAME', 'ROLE', 'SHOWN AS', 'CREATED', 'LAST USED', 'REVOKED'],
    ...tokens.map((token) => [token.name, token.role, token.displayName ?? token.role, formatDate(token.createdAt), formatDate(token.lastUsedAt), formatDate(token.revokedAt)]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

async function run(command: Exclude<Command, { kind: 'help' }>, tokens: TokenService): Promise<void> {
  switch (command.kind) {
    case 'create': {
      const issued = await tokens.create(command.name, command.role, command.displayName);
      console.log(`Created a token for ${issued.name} with role ${issued.role}; the public sees its changes as made by "${issued.displayName}". It is shown only this once; store it now:`);
      // Alone on the last line, so that scripts can take it with `tail -n 1`.
      console.log(issued.token);
      return;
    }
    case 'list': {
      const listing = await tokens.list();
      console.log(listing.length ? formatTable(listing) : 'No tokens yet; issue one with: npm run token -- create --role editor --name <name>');
      return;
    }
    case 'revoke':
      await tokens.revoke(command.name);
      console.log(`Revoked the token of ${command.name}.`);
      return;
  }
}

async function main(argv: string[]): Promise<number> {
  let command: Command;
  let config;
  try {
    command = parseCommand(argv);
    if (command.kind === 'help') {
      console.log(USAGE);
      return 0;
    }
    config = loadConfig();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`token: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`token: configuration error: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const database = describeDatabase(config.database);
  // On stderr, so that the token stays alone on the last line of stdout.
  console.error(`token: using the database ${database} (${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'the default: DATABASE_URL is not set'})`);
  // Only `create` may start a database: listing or revoking in a new, empty one is a mistyped DATABASE_URL.
  if (command.kind !== 'create' && config.database.type === 'sqlite' && config.database.database !== ':memory:' && !existsSync(config.database.database)) {
    console.error(`token: there is no database at ${config.database.database}; set DATABASE_URL to the server's database`);
    return 1;
  }
  const dataSource = createDataSource(config.database);
  try {
    const { created } = await prepareDatabase(dataSource);
    if (created) console.error('token: the database was new: created and seeded it');
    await run(command, new TokenService(dataSource));
    return 0;
  } catch (error) {
    if (error instanceof TokenError) {
      console.error(`token: ${error.message}`);
      return 1;
    }
    console.error(`token: cannot use the database ${database}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error('token: failed:', error);
    process.exitCode = 1;
  },
);
