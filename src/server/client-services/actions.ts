"use server";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { consoleAction } from "@/server/action";
import { UserError } from "@/server/user-error";
import { actorOf, record } from "@/server/audit/record";
import { prisma } from "@/server/db";
import { findServiceFor, mayChangeService } from "./access";
import { lockService, refuseCancelled } from "./hold-service";
import { singleLine } from "@/lib/text";

const schema = z.object({
  serviceId: z.uuid(),
  alias: singleLine({ min: 1, max: 100, tooLong: "console.serviceDetails.errors.aliasTooLong" }),
  configLanguage: z.enum(["EN", "DE"], messageKey("errors.required")),
});

/** Details: alias and configuration language (status changes go through the lifecycle). */
export const updateServiceAction = consoleAction(
  { schema, permission: "client-services.edit", revalidate: "/console/client-services" },
  async (input, { operator }) => {
    const service = await findServiceFor(operator, input.serviceId);
    if (!service || !mayChangeService(operator, service)) throw new UserError("errors.forbidden");
    await prisma.$transaction(async (tx) => {
      // the previous values as this transaction sees them, so concurrent edits audit truthfully, and
      // its partner: a change that waited here (the shop moved to another partner) decides who may edit,
      // and its status: a save that waited for a cancel changes nothing
      const held = await lockService(tx, service.id);
      if (!held || !mayChangeService(operator, held)) throw new UserError("errors.forbidden");
      refuseCancelled(held);
      const before = await tx.clientService.findUniqueOrThrow({
        where: { id: service.id },
        select: { alias: true, configLanguage: true },
      });
      // the same form sent again (a double click) changes nothing, and the shop's activity says nothing
      if (before.alias === input.alias && before.configLanguage === input.configLanguage) return;
      await tx.clientService.update({
        where: { id: service.id },
        data: { alias: input.alias, configLanguage: input.configLanguage },
      });
      await record(tx, {
        actor: actorOf(operator),
        organizationId: service.organizationId,
        action: "client-service.updated",
        target: { type: "client-service", id: service.id },
        details: {
          alias: input.alias,
          previousAlias: before.alias,
          configLanguage: input.configLanguage,
          previousConfigLanguage: before.configLanguage,
        },
      });
    });
    return null;
  },
);
