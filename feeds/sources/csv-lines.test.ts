import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPrototypeClean } from '../../test/support/prototype-ids.js';
import { parseCsvLines } from './csv-lines.js';
import { numberedLines } from './source-result.js';

test('header names are field names like any other: "constructor", "valueOf" … columns are own fields', () => {
  const csv = ['station,Constructor,to_String,hasOwnProperty,value-Of,__proto__', '__proto__,a,b,c,d,e'].join('\n');
  const { header, rows } = parseCsvLines(numberedLines(csv), null);
  // Normalised: case, "_", "-", "." and spaces dropped ("__proto__" becomes "proto").
  assert.deepEqual(header, ['station', 'constructor', 'tostring', 'hasownproperty', 'valueof', 'proto']);
  const [row] = rows;
  assert.ok(row?.ok);
  const fields = row.row.fields;
  assert.equal(Object.getPrototypeOf(fields), null);
  assert.deepEqual(Object.entries(fields), [['station', '__proto__'], ['constructor', 'a'], ['tostring', 'b'], ['hasownproperty', 'c'], ['valueof', 'd'], ['proto', 'e']]);
  // A column the file does not have reads as missing, not as an Object.prototype member.
  const other = parseCsvLines(numberedLines('unit,date\n288,2026-11-22'), null).rows[0];
  assert.ok(other?.ok);
  for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) assert.equal(other.row.fields[name], undefined, name);
  assertPrototypeClean();
});
