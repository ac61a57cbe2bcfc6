import { parseHubConfig, type HubConfig } from '../feeds/hub/hub-config.js';

export const BENCH_TOKEN = 'bench-operator-token-0001';

/**
 * The benchmarks' hub config: every client comes from 127.0.0.1 at once, so the per-address and per-token caps
 * (docs/security.md) are raised to the number of clients measured; everything else is the default.
 */
export function benchConfig(clients = 10_000): HubConfig {
  return parseHubConfig(
    {
      auth: { tokens: [{ token: BENCH_TOKEN, role: 'operator', name: 'Bench' }] },
      limits: {
        maxClients: clients,
        maxPendingClients: clients,
        maxPendingPerAddress: clients,
        maxConnectionsPerAddress: clients,
        maxConnectionsPerToken: { operator: clients },
      },
    },
    'bench',
  );
}
