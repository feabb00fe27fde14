import "server-only";
import type { ConfigScope } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import type { ConfigValue, Definition } from "./types";

export interface ConfigRow extends Definition {
  value: ConfigValue;
  isDefault: boolean;
}

/** The typed configurations of a scope with their current value (or default), in catalogue order. */
export async function configurations(scope: ConfigScope, clientServiceId?: string): Promise<ConfigRow[]> {
  const definitions = await prisma.configDefinition.findMany({ where: { scope }, orderBy: { position: "asc" } });
  const values =
    scope === "SERVICE"
      ? await prisma.serviceConfigValue.findMany({
          where: { clientServiceId: clientServiceId ?? "00000000-0000-0000-0000-000000000000" },
        })
      : await prisma.platformConfigValue.findMany();
  const byKey = new Map(values.map((v) => [v.key, v.value]));
  return definitions.map((d) => {
    const stored = byKey.get(d.key);
    return {
      key: d.key,
      type: d.type,
      defaultValue: d.defaultValue,
      min: d.min,
      max: d.max,
      choices: d.choices,
      value: (stored ?? d.defaultValue) as ConfigValue,
      isDefault: stored === undefined,
    };
  });
}
