/**
 * The helpers every list and ID goes through, on their own: cursors, global IDs and the words of a search.
 * What they refuse is what a forged or mistyped value from a client must never get past.
 */
import { BadUserInputError } from '../src/errors/errors';
import { expectGlobalId, fromGlobalId, toGlobalId } from '../src/relay/global-id';
import { dateKey, decodeCursor, encodeCursor, idKey, Ordering, textKey } from '../src/relay/keyset';
import { searchWords } from '../src/search/full-text';

const BY_DATE: Ordering = { name: 'events:DATE', keys: [dateKey('"event"."date"'), idKey('"event"."id"')], direction: 'ASC' };
const BY_NAME: Ordering = { name: 'countries:name', keys: [textKey('"country"."name"'), idKey('"country"."id"')], direction: 'ASC' };
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('cursors', () => {
  it('give back the keys they were made of', () => {
    const cursor = encodeCursor(BY_DATE, ['2024-10-25', 17]);
    expect(decodeCursor(cursor, BY_DATE, 'after')).toEqual(['2024-10-25', 17]);
    expect(decodeCursor(encodeCursor(BY_NAME, ['Côte d’Ivoire', 3]), BY_NAME, 'after')).toEqual(['Côte d’Ivoire', 3]);
  });

  it.each([
    ['a cursor of another list', () => encodeCursor(BY_NAME, ['Russia', 2])],
    ['padding after the cursor', () => `${encodeCursor(BY_DATE, ['2024-10-25', 17])}=`],
    ['an impossible date', () => base64url(JSON.stringify(['events:DATE', '2024-02-31', 17]))],
    ['a date in another form', () => base64url(JSON.stringify(['events:DATE', '2024-10-25T00:00:00Z', 17]))],
    ['an id that is not a positive integer', () => base64url(JSON.stringify(['events:DATE', '2024-10-25', 1.5]))],
    ['too few keys', () => base64url(JSON.stringify(['events:DATE', 17]))],
    ['a key of SQL', () => base64url(JSON.stringify(['events:DATE', "2024-10-25' OR 1=1 --", 17]))],
    ['text that is not JSON', () => base64url('not json')],
    ['the same JSON spaced otherwise', () => base64url(JSON.stringify(['events:DATE', '2024-10-25', 17], null, 1))],
  ])('refuse %s with BAD_USER_INPUT naming the argument', (_what, cursor) => {
    expect(() => decodeCursor(cursor(), BY_DATE, 'after')).toThrow(new BadUserInputError(`after: "${cursor()}" is not a cursor of this list`, 'after'));
  });
});

describe('global IDs', () => {
  const types = new Set(['Country', 'Event']);

  it('name a type and a row, and decode to them', () => {
    const id = toGlobalId('Event', 42);
    expect(id).toBe(base64url('Event:42'));
    expect(fromGlobalId(id, types)).toEqual({ type: 'Event', id: 42 });
    expect(expectGlobalId(id, 'Event', 'eventId')).toBe(42);
  });

  it.each([
    ['a type that is not a node', base64url('Revision:1')],
    ['padding', `${toGlobalId('Event', 1)}=`],
    ['a leading zero', base64url('Event:01')],
    ['a row id of 0', base64url('Event:0')],
    ['a row id no integer column holds', base64url('Event:2147483648')],
    ['no row id', base64url('Event:')],
    ['characters outside base64url', 'RXZlbnQ6MQ+/'],
    ['plain text', 'Event:1'],
  ])('refuse %s', (_what, id) => {
    expect(() => fromGlobalId(id, types, 'ids')).toThrow(new BadUserInputError(`"${id}" in ids is not a valid ID`, 'ids'));
  });

  it('say which type was expected when an ID names another', () => {
    const country = toGlobalId('Country', 3);
    expect(() => expectGlobalId(country, 'Event', 'eventId')).toThrow(`eventId expects Event IDs, but "${country}" is the ID of a Country`);
  });
});

describe('the words of a search', () => {
  it.each([
    ['Koksan howitzers', ['Koksan', 'howitzers']],
    ['Il-76 "Kursk"* OR NEAR(a b)', ['Il', '76', 'Kursk', 'OR', 'NEAR', 'a', 'b']],
    ['Ｋｕｒｓｋ', ['Kursk']],
    ['Шойгу, Пхеньян', ['Шойгу', 'Пхеньян']],
    ['조선민주주의인민공화국', ['조선민주주의인민공화국']],
    ['💥 ☃ !!! %_%', []],
    ['', []],
  ])('of %j are %j', (text, words) => {
    expect(searchWords(text)).toEqual(words);
  });
});
