import { DEFAULT_PREFIX, validatePrefix } from './naming.js';

export interface JetStreamLocation {
  readonly servers: string[];
  readonly prefix: string;
}

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
const DEFAULT_PORT = 4222;

/**
 * The command-line form of a JetStream log: `nats://host:port[,host2:port2][/prefix]` (port 4222 and prefix `ioc` when
 * left out), e.g. `nats://10.0.0.5:4222,10.0.0.6:4222/ioc`. No credentials: this form is for an unauthenticated or
 * network-protected server.
 */
export function parseJetStreamUrl(url: string): JetStreamLocation {
  const match = /^nats:\/\/([^/]+)(?:\/([^/]*))?$/.exec(url.trim());
  if (!match) throw new RangeError(`not a JetStream log URL "${url}" (nats://host:port[,host:port][/prefix])`);
  const servers = (match[1] ?? '').split(',').map((part) => {
    const hostPort = HOST_PORT.exec(part);
    if (!hostPort) throw new RangeError(`not a host:port "${part}" in "${url}"`);
    const port = hostPort[2] === undefined ? DEFAULT_PORT : Number(hostPort[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`invalid port in "${part}"`);
    return `nats://${hostPort[1] ?? ''}:${port}`;
  });
  const prefix = match[2] === undefined || match[2] === '' ? DEFAULT_PREFIX : match[2];
  return { servers, prefix: validatePrefix(prefix) };
}
