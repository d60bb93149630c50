import { BlockList, isIP } from 'node:net';

/**
 * Where webhook requests may not go unless private targets are allowed: loopback, private networks,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges.
 * Without this an admin (or a stolen admin session) could make the server probe its own network.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  // NAT64 and 6to4 wrap an IPv4 address, which may be a private one.
  ['64:ff9b::', 96],
  ['2002::', 16],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:7f00:1` or `::ffff:127.0.0.1`). */
function mappedIpv4(address: string): string | null {
  const match = /^::ffff:(.+)$/i.exec(address);
  if (!match?.[1]) return null;
  const rest = match[1];
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex?.[1] || !hex[2]) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True for an IP address a webhook may not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = mappedIpv4(bare);
    return v4 !== null ? blocked.check(v4, 'ipv4') : blocked.check(bare, 'ipv6');
  }
  return false;
}

/**
 * Why a webhook URL may not be used when private targets are not allowed, or null when it may.
 * Only what the URL itself says is checked here (an IP literal, `localhost`); names that resolve to a
 * private address are refused when the request connects (channels/webhooks/webhook-sender.ts).
 */
export function privateUrlReason(url: string): string | null {
  let host: string;
  try {
    // A trailing dot names the same host (`localhost.`).
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return 'The URL cannot be parsed';
  }
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    return 'Webhook URLs may not point to loopback or private network addresses';
  }
  return null;
}
