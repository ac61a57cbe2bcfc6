import 'maplibre-gl/dist/maplibre-gl.css';
import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-600.css';
import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/latin-600.css';
import '@fontsource/be-vietnam-pro/latin-ext-400.css';
import '@fontsource/be-vietnam-pro/latin-ext-600.css';
import './styles/console.css';
import { startConsole } from './app/console-app.js';
import { getBridge } from './bridge/get-bridge.js';

startConsole(getBridge(), document.getElementById('app') as HTMLElement).catch((error: unknown) => {
  const app = document.getElementById('app');
  if (app) app.textContent = `Không khởi động được / Could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
