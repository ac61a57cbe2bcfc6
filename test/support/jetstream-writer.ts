// A hub-like process for tests: opens the JetStream log at argv[2] (servers) / argv[3] (prefix), appends argv[4]
// keyed soc items in batches of 10, prints {"epoch","seq"} and exits at once — without closing the store, as a
// crashed hub would. Run with `node --import tsx`.
import { JetStreamLogStore } from '../../feeds/store/jetstream/jetstream-log-store.js';

const [servers = '', prefix = '', countText = '0'] = process.argv.slice(2);
const count = Number(countText);
const store = await JetStreamLogStore.open({ servers, prefix, retentionMs: 24 * 3600 * 1000, name: 'writer' });
for (let i = 0; i < count; i += 10) {
  const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) => ({ ts: Date.now(), json: `{"n":${i + j}}`, key: `w-${i + j}` }));
  await store.append('soc', batch);
}
process.stdout.write(`${JSON.stringify({ epoch: store.head('soc').epoch, seq: store.head('soc').seq })}\n`);
process.exit(0);
