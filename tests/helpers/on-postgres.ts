// Setup file of the `postgres` jest project: the same tests, against PostgreSQL.
process.env.KB_TEST_ENGINE = 'postgres';
