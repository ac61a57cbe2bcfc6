import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Configuration, FuseOptionsV1 } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';

// electron-builder.yml read the way `electron-builder` reads it (its own loader, YAML parser and schema), so what is
// asserted here is what the packager will flip. Why each fuse: docs/security.md.
const ROOT = new URL('../..', import.meta.url).pathname;
const EXPECTED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies FuseOptionsV1;

const quietLogger: Parameters<typeof validateConfiguration>[1] = { isEnabled: false, data: new Map(), add: () => undefined, save: async () => undefined };
const load = (): Promise<Configuration> => getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);

test('electron-builder accepts the packaging config', async () => {
  await validateConfiguration(await load(), quietLogger);
});

test('every fuse has its hardened value', async () => {
  const fuses = (await load()).electronFuses;
  assert.ok(fuses, 'electron-builder.yml has an electronFuses block');
  for (const [name, value] of Object.entries(EXPECTED_FUSES)) {
    assert.equal(fuses[name as keyof FuseOptionsV1], value, `electronFuses.${name} must be ${value}`);
  }
  assert.deepEqual(fuses, EXPECTED_FUSES, 'no other fuse is set');
});

test('a misspelt fuse is refused by the schema, so the block cannot be silently ignored', async () => {
  const config = await load();
  const misspelt = { ...config, electronFuses: Object.assign({}, EXPECTED_FUSES, { runAsnode: false }) };
  await assert.rejects(validateConfiguration(misspelt, quietLogger), /configuration\.electronFuses/);
});

test('what the fuses rely on: the app in app.asar, the hub utility unpacked beside it, no source maps', async () => {
  const config = await load();
  // onlyLoadAppFromAsar: the app entry must be inside app.asar (extraMetadata.main points into it).
  assert.equal(config.asar, true);
  assert.equal(config.extraMetadata?.main, 'build/app/main/main.cjs');
  // main/app-paths.ts forks the hub from app.asar.unpacked; a utility process cannot load sqlite3 from the archive.
  assert.ok(Array.isArray(config.asarUnpack) && config.asarUnpack.includes('build/app/main/hub-utility.cjs'));
  // The loader turns `files` into file sets; the patterns are their filters.
  const patterns = [config.files ?? []].flat().flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));
  assert.ok(patterns.includes('!**/*.map'), `source maps stay out of the package: ${patterns.join(' ')}`);
});
