/**
 * The Electron console's page origin (`app://console`, a privileged standard scheme registered by main/): the
 * Origin header its WebSocket upgrades carry, which the hub allows by default (feeds/hub/origin-policy.ts).
 */
export const APP_CONSOLE_ORIGIN = 'app://console';
