import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKeyOptions, TableIndexOptions } from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable });
const varchar = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', isNullable });
const integer = (name: string, isNullable = true): TableColumnOptions => ({ name, type: 'integer', isNullable });
const double = (name: string): TableColumnOptions => ({ name, type: 'double precision', isNullable: true });
const date = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'date', isNullable });
const references = (columnNames: string, referencedTableName: string, onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT'): TableForeignKeyOptions => ({
  columnNames: [columnNames],
  referencedTableName,
  referencedColumnNames: ['id'],
  onDelete,
});
const index = (...columnNames: string[]): TableIndexOptions => ({ columnNames });

/** A many-to-many link: both ends are the primary key, deleting either end deletes the link. */
function linkTable(name: string, owner: [string, string], target: [string, string]): Table {
  return new Table({
    name,
    columns: [
      { name: owner[0], type: 'integer', isPrimary: true },
      { name: target[0], type: 'integer', isPrimary: true },
    ],
    foreignKeys: [references(owner[0], owner[1], 'CASCADE'), references(target[0], target[1], 'CASCADE')],
    indices: [index(target[0])],
  });
}

/**
 * The knowledge base's tables, written with TypeORM's schema API so that they run on SQLite
 * and PostgreSQL alike. Every filter and sort of the API has an index.
 */
export class InitialSchema1764190000000 implements MigrationInterface {
  name = 'InitialSchema1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { createDate, createDateDefault, deleteDate } = queryRunner.connection.driver.mappedDataTypes;
    const common = (): TableColumnOptions[] => [
      id,
      { name: 'seedKey', type: 'varchar', isNullable: true, isUnique: true },
      { name: 'createdAt', type: createDate as string, default: createDateDefault },
      { name: 'deletedAt', type: deleteDate as string, isNullable: true },
    ];

    await queryRunner.createTable(
      new Table({
        name: 'sources',
        columns: [...common(), text('title'), varchar('publisher', true), varchar('author', true), text('url', true), varchar('language', true), date('publishedOn', true), date('retrievedOn', true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'countries',
        columns: [...common(), varchar('name'), { ...varchar('isoCode', true), isUnique: true }],
        indices: [index('name', 'id')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organizations',
        columns: [...common(), varchar('name'), varchar('acronym', true), integer('countryId')],
        foreignKeys: [references('countryId', 'countries')],
        indices: [index('name', 'id'), index('countryId')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'officials',
        columns: [...common(), varchar('name'), varchar('role', true), integer('countryId'), integer('organizationId')],
        foreignKeys: [references('countryId', 'countries'), references('organizationId', 'organizations')],
        indices: [index('name', 'id'), index('countryId', 'name', 'id'), index('organizationId')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'events',
        columns: [
          ...common(),
          text('title'),
          text('summary', true),
          date('date'),
          varchar('datePrecision'),
          date('endDate', true),
          varchar('type'),
          varchar('claimStatus'),
          varchar('locationName', true),
          integer('locationCountryId'),
          double('locationLatitude'),
          double('locationLongitude'),
        ],
        foreignKeys: [references('locationCountryId', 'countries')],
        indices: [index('date', 'id'), index('type'), index('claimStatus'), index('locationCountryId')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_figures',
        columns: [id, integer('eventId', false), text('subject'), varchar('unit', true), double('best'), double('low'), double('high')],
        foreignKeys: [references('eventId', 'events', 'CASCADE')],
        indices: [index('eventId')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'statements',
        columns: [
          ...common(),
          text('text'),
          { name: 'isQuote', type: 'boolean', default: false },
          date('date'),
          varchar('datePrecision'),
          integer('speakerId'),
          integer('countryId'),
          integer('organizationId'),
          integer('eventId'),
        ],
        foreignKeys: [references('speakerId', 'officials'), references('countryId', 'countries'), references('organizationId', 'organizations'), references('eventId', 'events')],
        indices: [index('date', 'id'), index('speakerId', 'date', 'id'), index('countryId', 'date', 'id'), index('organizationId'), index('eventId')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'casualty_reports',
        columns: [
          ...common(),
          integer('countryId', false),
          integer('killed'),
          integer('wounded'),
          integer('captured'),
          integer('missing'),
          date('asOf'),
          varchar('datePrecision'),
          varchar('claimStatus'),
          integer('reportedById'),
          integer('reportedByCountryId'),
          integer('eventId'),
        ],
        foreignKeys: [
          references('countryId', 'countries'),
          references('reportedById', 'organizations'),
          references('reportedByCountryId', 'countries'),
          references('eventId', 'events'),
        ],
        indices: [index('asOf', 'id'), index('countryId', 'asOf', 'id'), index('reportedById'), index('reportedByCountryId'), index('eventId')],
      }),
    );
    await queryRunner.createTable(linkTable('event_countries', ['eventId', 'events'], ['countryId', 'countries']));
    await queryRunner.createTable(linkTable('event_officials', ['eventId', 'events'], ['officialId', 'officials']));
    await queryRunner.createTable(linkTable('event_sources', ['eventId', 'events'], ['sourceId', 'sources']));
    await queryRunner.createTable(linkTable('statement_sources', ['statementId', 'statements'], ['sourceId', 'sources']));
    await queryRunner.createTable(linkTable('casualty_report_sources', ['casualtyReportId', 'casualty_reports'], ['sourceId', 'sources']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'casualty_report_sources',
      'statement_sources',
      'event_sources',
      'event_officials',
      'event_countries',
      'casualty_reports',
      'statements',
      'event_figures',
      'events',
      'officials',
      'organizations',
      'countries',
      'sources',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
