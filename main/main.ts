// Electron main entry: everything happens in startApp (kept thin, as Lichtblick's desktop/main/index.ts).
import { startApp } from './start-app.js';

void startApp();
