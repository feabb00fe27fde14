import "server-only";
import { prisma, type Tx } from "@/server/db";
import type { ConfigValue, Definition } from "./types";

export interface ConfigRow extends Definition {
  value: ConfigValue;
  isDefault: boolean;
}

/** A client service's typed configurations with their current value (or default), in catalogue order. */
export async function configurations(clientServiceId: string, db: Tx = prisma): Promise<ConfigRow[]> {
  const definitions = await db.configDefinition.findMany({ orderBy: { position: "asc" } });
  const values = await db.serviceConfigValue.findMany({ where: { clientServiceId } });
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
