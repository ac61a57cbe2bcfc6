import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';

/** The repository explains itself: code and docs point to docs/ in the repository, never to documents outside it. */

const ROOT = new URL('../..', import.meta.url).pathname;
const SKIP = new Set(['node_modules', '.git', 'build', 'dist', 'dist-electron', 'data', 'test-results', '.ci']);
const TEXT = /\.(ts|mts|mjs|js|json|md|yml|yaml|css|html)$/;
// The names are spelled in pieces so that this file does not itself cite what it looks for; region packs'
// SOURCES.md may cite the data folders they came from.
const DESIGN = ['DES', 'IGN'].join('');
const TESTING = ['TEST', 'ING'].join('');
const SHARED = ['sha', 'red'].join('');
const OUTSIDE = [
  new RegExp(`\\b${DESIGN}(\\.md)? ?§`),
  new RegExp(`\\b${DESIGN}\\.md\\b`),
  new RegExp(`\\b${TESTING}\\.md\\b`),
  new RegExp(`${SHARED}/docs`),
  new RegExp(`\\.\\./${SHARED}/`),
];

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (TEXT.test(entry.name)) out.push(path);
  }
  return out;
}

test('no file of the repository cites a document outside it (the brief by section, its testing notes, the folders beside the repository)', async () => {
  // The patterns catch what they are for.
  for (const sample of [`${DESIGN} §3`, `see ${TESTING}.md`, `../${SHARED}/docs/x`]) assert.ok(OUTSIDE.some((pattern) => pattern.test(sample)), sample);
  const found: string[] = [];
  for (const path of await files(ROOT)) {
    const name = relative(ROOT, path);
    if (/^regions\/[^/]+\/SOURCES\.md$/.test(name)) continue;
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (OUTSIDE.some((pattern) => pattern.test(line))) found.push(`${name}:${index + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(found, [], `write what the code relies on into docs/ and point there:\n${found.join('\n')}`);
});
