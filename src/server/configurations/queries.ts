import "server-only";
import type { ConfigScope } from "@/generated/prisma/enums";
import { prisma, type Tx } from "@/server/db";
import type { ConfigValue, Definition } from "./types";

export interface ConfigRow extends Definition {
  value: ConfigValue;
  isDefault: boolean;
}

/** The typed configurations of a scope with their current value (or default), in catalogue order. */
export async function configurations(
  scope: ConfigScope,
  clientServiceId?: string,
  db: Tx = prisma,
): Promise<ConfigRow[]> {
  const definitions = await db.configDefinition.findMany({ where: { scope }, orderBy: { position: "asc" } });
  const values =
    scope === "SERVICE"
      ? await db.serviceConfigValue.findMany({
          where: { clientServiceId: clientServiceId ?? "00000000-0000-0000-0000-000000000000" },
        })
      : await db.platformConfigValue.findMany();
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
