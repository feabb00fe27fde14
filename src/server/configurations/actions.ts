"use server";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { consoleAction } from "@/server/action";
import type { MessageKey } from "@/i18n/keys";
import { hasKey } from "@/i18n/translator";
import { UserError } from "@/server/user-error";
import { actorOf, record } from "@/server/audit/record";
import { findServiceFor } from "@/server/client-services/access";
import { prisma } from "@/server/db";
import { configurations } from "./queries";
import { parseValue, type ConfigValue } from "./types";

const FIELD_PREFIX = "config.";

/**
 * Saves every typed configuration of a client service (or of the platform, without serviceId).
 * All values are checked by type first; one bad value saves nothing and is named next to its field.
 */
export const saveConfigurationsAction = consoleAction(
  {
    schema: z.looseObject({ serviceId: z.uuid().optional() }),
    permission: "general-config.edit",
    revalidate: "/console",
  },
  async (input, { operator, locale }) => {
    const service = input.serviceId ? await findServiceFor(operator, input.serviceId) : null;
    if (input.serviceId && !service) throw new UserError("errors.forbidden");
    const rows = await configurations(service ? "SERVICE" : "PLATFORM", service?.id);
    const fieldErrors: Record<string, MessageKey> = {};
    const changes: { key: string; from: ConfigValue; to: ConfigValue }[] = [];
    for (const row of rows) {
      const raw = (input as Record<string, unknown>)[`${FIELD_PREFIX}${row.key}`];
      if (raw === undefined) continue;
      const parsed = parseValue(row, raw);
      if (!parsed.ok)
        fieldErrors[`${FIELD_PREFIX}${row.key}`] = hasKey(locale, parsed.error) ? parsed.error : "errors.generic";
      else if (parsed.value !== row.value) changes.push({ key: row.key, from: row.value, to: parsed.value });
    }
    if (Object.keys(fieldErrors).length > 0) throw new UserError("errors.checkFields", undefined, fieldErrors);
    const actor = actorOf(operator);
    await prisma.$transaction(async (tx) => {
      for (const c of changes) {
        const value = c.to as Prisma.InputJsonValue;
        if (service) {
          await tx.serviceConfigValue.upsert({
            where: { clientServiceId_key: { clientServiceId: service.id, key: c.key } },
            create: { clientServiceId: service.id, key: c.key, value, updatedById: operator.id },
            update: { value, updatedById: operator.id },
          });
        } else {
          await tx.platformConfigValue.upsert({
            where: { key: c.key },
            create: { key: c.key, value, updatedById: operator.id },
            update: { value, updatedById: operator.id },
          });
        }
        await record(tx, {
          actor,
          organizationId: service?.organizationId ?? null,
          action: "configuration.changed",
          target: service ? { type: "client-service", id: service.id } : { type: "platform", id: "platform" },
          details: { key: c.key, from: c.from, to: c.to },
        });
      }
    });
    return { changed: changes.length };
  },
);
