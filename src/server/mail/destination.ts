import "server-only";
import { lookup } from "node:dns/promises";
import net from "node:net";
import { env } from "@/server/env";

// An administrator's SMTP settings make this server open a connection wherever they point. Left
// open, that is a port scanner into our own network (and the cloud metadata service), so a host is
// resolved once, every address it resolves to is checked, and the connection goes to the checked
// address: a second DNS answer (rebinding) never gets a say.
const blocked = new net.BlockList();
for (const [subnet, prefix] of [
  ["0.0.0.0", 8], // "this network", including the unspecified 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, with the metadata service 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
] as const)
  blocked.addSubnet(subnet, prefix, "ipv4");
for (const [subnet, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["fc00::", 7], // unique local, with the metadata service fd00:ec2::254
  ["fe80::", 10],
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(subnet, prefix, "ipv6");

/**
 * Whether an address is loopback, private, link-local, CGNAT, multicast, unspecified or a metadata
 * service. IPv4-mapped IPv6 forms (::ffff:127.0.0.1) match their IPv4 rules: BlockList maps them.
 */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Which field of the settings the platform refuses: the host (its address) or the port. */
export type RefusedField = "host" | "port";

/** A destination the platform does not connect to; nothing was sent over the network. */
export class DestinationRefusedError extends Error {
  readonly code = "EDESTINATION";
  constructor(readonly field: RefusedField) {
    super(field === "host" ? "SMTP host resolves to a private or reserved address" : "SMTP port not allowed");
  }
}

/**
 * Checks an administrator's SMTP destination and returns the address to connect to. Throws
 * DestinationRefusedError for a port outside SMTP_ALLOWED_PORTS or, unless SMTP_ALLOW_PRIVATE_HOSTS,
 * a host with any private or reserved address; a name that does not resolve throws the DNS error.
 */
export async function checkSmtpDestination(host: string, port: number): Promise<string> {
  const { SMTP_ALLOWED_PORTS, SMTP_ALLOW_PRIVATE_HOSTS } = env();
  if (!SMTP_ALLOWED_PORTS.includes(port)) throw new DestinationRefusedError("port");
  // the settings accept an IPv6 literal in brackets, as in a URL
  const addresses = await lookup(host.replace(/^\[(.*)\]$/, "$1"), { all: true });
  if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  if (!SMTP_ALLOW_PRIVATE_HOSTS && addresses.some(({ address }) => isPrivateAddress(address)))
    throw new DestinationRefusedError("host");
  return addresses[0].address;
}
