import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { deletePrefixStreams, streamsOfPrefix as listPrefix } from '../../feeds/store/jetstream/prefix-streams.js';

/** The shared test server; IOC_TEST_NATS overrides it. */
export const TEST_NATS = process.env['IOC_TEST_NATS'] ?? 'nats://127.0.0.1:4222';

/** A prefix no other test (or engineer) uses: `t` + 10 hex characters. */
export function randomPrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function streamsOfPrefix(servers: string, prefix: string): Promise<string[]> {
  const nc = await connect({ servers });
  try {
    return await listPrefix(await jetstreamManager(nc), prefix);
  } finally {
    await nc.close();
  }
}

/** Delete every stream of a log prefix (feed streams and checkpoint bucket); returns their names. */
export async function deletePrefix(servers: string, prefix: string): Promise<string[]> {
  const nc = await connect({ servers });
  try {
    return await deletePrefixStreams(await jetstreamManager(nc), prefix);
  } finally {
    await nc.close();
  }
}
