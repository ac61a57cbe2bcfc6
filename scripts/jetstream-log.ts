// List or delete the JetStream logs on a server: `tsx scripts/jetstream-log.ts list nats://host:4222` shows every
// log prefix (streams named <PREFIX>_<FEED> or OBJ_<prefix>_checkpoints); `delete nats://host:4222/<prefix>`
// deletes that prefix's feed streams and checkpoints (its whole log: the epochs of every feed change).
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { LOGGED_FEEDS } from '../feeds/protocol/feed-names.js';
import { parseJetStreamUrl } from '../feeds/store/jetstream/jetstream-url.js';
import { deletePrefixStreams } from '../feeds/store/jetstream/prefix-streams.js';

const [command, url] = process.argv.slice(2);
if ((command !== 'list' && command !== 'delete') || !url) {
  console.error('usage: npm run jetstream-log -- list|delete nats://host:port[,host:port][/prefix]');
  process.exit(2);
}
const { servers, prefix } = parseJetStreamUrl(url);
if (command === 'delete' && !/\/[^/]+$/.test(url)) {
  console.error('delete: name the prefix explicitly (nats://host:port/<prefix>)');
  process.exit(2);
}
const nc = await connect({ servers });
try {
  const jsm = await jetstreamManager(nc);
  if (command === 'delete') {
    const deleted = await deletePrefixStreams(jsm, prefix);
    console.info(deleted.length > 0 ? `deleted ${deleted.join(', ')}` : `no streams of prefix ${prefix}`);
  } else {
    const feedSuffix = new RegExp(`^(.+)_(${LOGGED_FEEDS.map((feed) => feed.toUpperCase()).join('|')})$`);
    const prefixes = new Map<string, string[]>();
    for await (const name of jsm.streams.names()) {
      const found = /^OBJ_(.+)_checkpoints$/.exec(name)?.[1] ?? feedSuffix.exec(name)?.[1]?.toLowerCase();
      if (found) prefixes.set(found, [...(prefixes.get(found) ?? []), name]);
    }
    for (const [found, names] of [...prefixes].sort()) console.info(`${found}: ${names.sort().join(' ')}`);
    if (prefixes.size === 0) console.info('no JetStream logs');
  }
} finally {
  await nc.close();
}
