import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, clientMessages, type ClientArea } from "@/i18n/client-messages";
import { locales } from "@/i18n/config";
import { catalogs } from "@/i18n/messages";

const areas = Object.keys(CLIENT_MESSAGES) as ClientArea[];

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Object.values(value as Record<string, unknown>).flatMap(leaves);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("the messages a browser receives", () => {
  it("never contain a mail text, in any area or language", () => {
    for (const locale of locales) {
      // the texts emails are made of; short ones ("none") could be anybody's word
      const mailTexts = leaves(catalogs[locale].mail).filter((text) => text.length > 24);
      expect(mailTexts.length).toBeGreaterThan(10);
      for (const area of areas) {
        const serialized = JSON.stringify(clientMessages(locale, area));
        expect(Object.keys(clientMessages(locale, area)), `${locale} ${area}`).not.toContain("mail");
        // whole values: a UI sentence may begin like a subject ("You are invited to …")
        expect(
          mailTexts.filter((text) => serialized.includes(JSON.stringify(text))),
          `${locale} ${area}`,
        ).toEqual([]);
      }
    }
  });

  it("carry the sign-in form's texts on the sign-in page alone", () => {
    for (const locale of locales)
      for (const area of areas)
        expect("auth" in clientMessages(locale, area), `${locale} ${area}`).toBe(area === "signIn");
  });

  it("are a small part of the catalogue", () => {
    const whole = JSON.stringify(catalogs.en).length;
    for (const area of areas) expect(JSON.stringify(clientMessages("en", area)).length, area).toBeLessThan(whole / 2);
  });

  it("name parts that exist, and cover every part a client component reads", () => {
    const has = (key: string) =>
      key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogs.en) !==
      undefined;
    for (const area of areas)
      for (const part of CLIENT_MESSAGES[area]) expect(has(part), `${area}: ${part}`).toBe(true);
    const listed = areas.flatMap((area) => CLIENT_MESSAGES[area] as readonly string[]);
    const covered = (namespace: string) =>
      listed.some((part) => namespace === part || namespace.startsWith(`${part}.`));
    const read = files("src")
      .map((file) => readFileSync(file, "utf8"))
      .filter((source) => source.startsWith('"use client"'))
      .flatMap((source) => [...source.matchAll(/useTranslations\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!));
    expect(read.length).toBeGreaterThan(20);
    expect(read.filter((namespace) => !covered(namespace))).toEqual([]);
  });
});
