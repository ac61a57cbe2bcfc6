import { parseHubConfig, type HubConfig } from '../../feeds/hub/hub-config.js';

export const TOKENS = {
  operator: 'test-operator-token-0001',
  duty: 'test-duty-officer-token-01',
  wall: 'test-wall-token-000000001',
  source: 'test-source-token-0000001',
} as const;

export const TEST_CONFIG_JSON = {
  auth: {
    tokens: [
      { token: TOKENS.operator, role: 'operator', name: 'Operator One' },
      { token: TOKENS.duty, role: 'duty-officer', name: 'Duty Officer' },
      { token: TOKENS.wall, role: 'wall', name: 'Wall 1' },
      { token: TOKENS.source, role: 'source', name: 'Sensor' },
    ],
  },
};

export function testConfig(overrides: Record<string, unknown> = {}): HubConfig {
  return parseHubConfig({ ...TEST_CONFIG_JSON, ...overrides }, 'test-config.json');
}
