import { BlockList, isIP } from "node:net";

/** The header the server sets (and overwrites whatever a client sent) with the client's address. */
export const CLIENT_ADDRESS_HEADER = "x-client-address";

const normalize = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/**
 * TRUSTED_PROXIES: addresses or CIDR ranges (IPv4 or IPv6), comma-separated, of the proxies in
 * front of the application. Only what they add to X-Forwarded-For is believed.
 */
export function parseTrustedProxies(value: string): BlockList {
  const list = new BlockList();
  for (const entry of value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const family = isIP(normalize(address));
    if (family === 0) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(normalize(address), type);
    else list.addSubnet(normalize(address), Number(bits), type);
  }
  return list;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case the
 * address it forwarded (X-Forwarded-For, read from the right), and so on through trusted proxies
 * only. With no trusted proxies a forged X-Forwarded-For changes nothing.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  list: BlockList,
): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map(normalize)
    .filter(Boolean);
  let address = normalize(socketAddress ?? "") || "unknown";
  while (trusted(list, address) && forwarded.length > 0) address = forwarded.pop()!;
  return address;
}
