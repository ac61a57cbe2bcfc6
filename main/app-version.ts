// Read from package.json at build time (esbuild inlines it): `app.getVersion()` reports Electron's own version
// when the app is started as `electron build/app/main/main.cjs` rather than from its package folder.
import packageJson from '../package.json' with { type: 'json' };

export const APP_VERSION: string = packageJson.version;
