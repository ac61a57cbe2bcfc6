import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureEmbeddedHubConfig, generateToken, tokenForRole } from './embedded-hub-config.js';

async function inTempDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ioc-main-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('tokens are random, URL-safe and long enough for the hub', () => {
  const tokens = new Set(Array.from({ length: 100 }, generateToken));
  assert.equal(tokens.size, 100);
  for (const token of tokens) assert.match(token, /^[A-Za-z0-9_-]{32}$/);
});

test('first run writes an owner-only hub.json with an operator and a wall token; later runs keep it', async () => {
  await inTempDir(async (dir) => {
    // A fresh profile folder may not exist yet.
    const file = join(dir, 'profile', 'hub.json');
    const first = await ensureEmbeddedHubConfig(file);
    assert.deepEqual(first.auth.tokens.map((token) => token.role), ['operator', 'wall']);
    assert.equal(first.simulator.demo, false, 'the demo setting is written out, off');
    assert.notEqual(first.auth.tokens[0]?.token, first.auth.tokens[1]?.token);
    if (process.platform !== 'win32') assert.equal((await stat(file)).mode & 0o777, 0o600);
    const text = await readFile(file, 'utf8');
    const second = await ensureEmbeddedHubConfig(file);
    assert.equal(await readFile(file, 'utf8'), text);
    assert.equal(tokenForRole(second, 'operator', file), first.auth.tokens[0]?.token);
    assert.equal(tokenForRole(second, 'wall', file), first.auth.tokens[1]?.token);
    assert.throws(() => tokenForRole(second, 'admin', file), /hub\.json: auth\.tokens has no token with role "admin"/);
  });
});

test('a broken hub.json is reported with its path, not overwritten', async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, 'hub.json');
    await writeFile(file, '{"auth": {"tokens": []}}');
    await assert.rejects(ensureEmbeddedHubConfig(file), (error: Error) => error.message.startsWith(`${file}: auth.tokens`));
    assert.equal(await readFile(file, 'utf8'), '{"auth": {"tokens": []}}');
  });
});
