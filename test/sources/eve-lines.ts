/** A Suricata EVE alert line with a unique flow id `n` (its SocAlert id is eve-<n>-1:2001219-<ts>). */
export function eveAlertLine(n: number): string {
  const second = String(n % 60).padStart(2, '0');
  const minute = String(Math.floor(n / 60) % 60).padStart(2, '0');
  return JSON.stringify({
    timestamp: `2026-11-22T09:${minute}:${second}.000000+0700`,
    flow_id: 1_000_000 + n,
    in_iface: 'ens192',
    event_type: 'alert',
    src_ip: '203.0.113.5',
    src_port: 40000 + (n % 20000),
    dest_ip: '10.61.1.10',
    dest_port: 22,
    proto: 'TCP',
    alert: { action: 'allowed', gid: 1, signature_id: 2001219, rev: 20, signature: 'ET SCAN Potential SSH Scan', category: 'Attempted Information Leak', severity: 2 },
  });
}

export function eveFlowLine(n: number): string {
  return JSON.stringify({ timestamp: '2026-11-22T09:00:00.000000+0700', flow_id: 9_000_000 + n, event_type: 'flow', src_ip: '10.61.1.10', dest_ip: '10.61.2.10', proto: 'TCP' });
}

/** Flow ids of the EVE alerts in a list of stored soc items' JSON. */
export function flowNumbers(jsons: readonly string[]): number[] {
  return jsons.map((json) => Number(/^eve-(\d+)-/.exec((JSON.parse(json) as { id: string }).id)?.[1] ?? -1) - 1_000_000);
}
