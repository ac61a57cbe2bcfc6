// Stylesheets are bundled by esbuild (scripts/build-renderer.mjs); importing one has no value.
declare module '*.css';
