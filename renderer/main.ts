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
import { startWall } from './wall/wall-app.js';

// config.wall set (Electron --wall, or /?wall=1&layout=…|playlist=… in a browser) starts the video wall instead.
const bridge = getBridge();
const root = document.getElementById('app') as HTMLElement;
bridge
  .getConfig()
  .then((config) => (config.wall ? startWall(bridge, root, config) : startConsole(bridge, root, config)))
  .catch((error: unknown) => {
    root.textContent = `Không khởi động được / Could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(error);
  });
