import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address";

describe("the client's address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const none = parseTrustedProxies("");
    expect(clientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", undefined, none)).toBe("203.0.113.9");
  });

  it("is what trusted proxies forwarded, read from the right, stopping at the first untrusted hop", () => {
    const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.1, fd00::/8");
    expect(clientAddress("10.1.2.3", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // a client prepending a forged entry gains nothing: the proxy appended the real one last
    expect(clientAddress("10.1.2.3", "1.1.1.1, 198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientAddress("192.0.2.1", "198.51.100.7, 10.0.0.5", proxies)).toBe("198.51.100.7");
    expect(clientAddress("fd00::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
    // an untrusted peer's X-Forwarded-For is ignored
    expect(clientAddress("198.51.100.8", "10.0.0.9", proxies)).toBe("198.51.100.8");
  });

  it("refuses a setting that is not an address or range", () => {
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/TRUSTED_PROXIES/);
  });
});
