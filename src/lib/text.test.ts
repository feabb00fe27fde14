import { describe, expect, it } from "vitest";
import { EMAIL_MAX, emailAddress } from "./text";

describe("emailAddress", () => {
  const field = emailAddress("members.errors.email");
  const message = (value: unknown) => field.safeParse(value).error?.issues[0]?.message;

  it("trims an address and keeps it as typed", () => {
    expect(field.parse("  Ada@Example.test ")).toBe("Ada@Example.test");
  });

  it("asks for an address that is blank or missing", () => {
    expect(message("   ")).toBe("errors.required");
    expect(message(undefined)).toBe("errors.required");
  });

  it("refuses what is not an address, or too long for one, with the field's message", () => {
    expect(message("ada@")).toBe("members.errors.email");
    expect(message("ada example.test")).toBe("members.errors.email");
    const long = `${"a".repeat(EMAIL_MAX - "@example.test".length + 1)}@example.test`;
    expect(message(long)).toBe("members.errors.email");
    expect(field.parse(long.slice(1))).toBe(long.slice(1));
  });
});
