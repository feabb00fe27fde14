"use server";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { consoleAction } from "@/server/action";
import type { MessageKey } from "@/i18n/keys";
import { hasKey } from "@/i18n/translator";
import { UserError } from "@/server/user-error";
import { actorOf, record } from "@/server/audit/record";
import { findServiceFor } from "@/server/client-services/access";
import { holdServiceForWrite, refuseCancelled } from "@/server/client-services/hold-service";
import { prisma } from "@/server/db";
import { configurations } from "./queries";
import { parseValue, type ConfigValue } from "./types";
import { lockName } from "@/server/named-lock";

const FIELD_PREFIX = "config.";

/**
 * Saves every typed configuration of a client service. All values are checked by type first; one
 * bad value saves nothing and is named next to its field.
 */
export const saveConfigurationsAction = consoleAction(
  {
    schema: z.looseObject({ serviceId: z.uuid() }),
    permission: "general-config.edit",
    revalidate: "/console",
  },
  async (input, { operator, locale }) => {
    const service = await findServiceFor(operator, input.serviceId);
    if (!service) throw new UserError("errors.forbidden");
    refuseCancelled(service);
    const fieldErrors: Record<string, MessageKey> = {};
    const wanted = new Map<string, ConfigValue>();
    for (const row of await configurations(service.id)) {
      const raw = (input as Record<string, unknown>)[`${FIELD_PREFIX}${row.key}`];
      if (raw === undefined) continue;
      const parsed = parseValue(row, raw);
      if (!parsed.ok)
        fieldErrors[`${FIELD_PREFIX}${row.key}`] = hasKey(locale, parsed.error) ? parsed.error : "errors.invalidField";
      else wanted.set(row.key, parsed.value);
    }
    if (Object.keys(fieldErrors).length > 0) throw new UserError("errors.checkFields", undefined, fieldErrors);
    const actor = actorOf(operator);
    const changed = await prisma.$transaction(async (tx) => {
      await holdServiceForWrite(tx, service.id);
      // saves of one service one after the other, each comparing with what is stored when it writes,
      // so that its audit names the value it replaced, not one another save replaced meanwhile
      await lockName(tx, `config:${service.id}`);
      const changes: { key: string; from: ConfigValue; to: ConfigValue }[] = [];
      for (const row of await configurations(service.id, tx)) {
        const to = wanted.get(row.key);
        if (to !== undefined && to !== row.value) changes.push({ key: row.key, from: row.value, to });
      }
      for (const c of changes) {
        const value = c.to as Prisma.InputJsonValue;
        await tx.serviceConfigValue.upsert({
          where: { clientServiceId_key: { clientServiceId: service.id, key: c.key } },
          create: { clientServiceId: service.id, key: c.key, value, updatedById: operator.id },
          update: { value, updatedById: operator.id },
        });
        await record(tx, {
          actor,
          organizationId: service.organizationId,
          action: "configuration.changed",
          target: { type: "client-service", id: service.id },
          details: { key: c.key, from: c.from, to: c.to },
        });
      }
      return changes.length;
    });
    return { changed };
  },
);
