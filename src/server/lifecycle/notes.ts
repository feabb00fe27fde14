import "server-only";
import { prisma } from "@/server/db";
import { actorOf, record } from "@/server/audit/record";
import { UserError } from "@/server/user-error";
import { operatorCan } from "@/server/authz";
import { findServiceFor } from "@/server/client-services/access";
import type { Operator } from "@/server/viewer";

export async function addNote(operator: Operator, serviceId: string, body: string) {
  const service = await findServiceFor(operator, serviceId);
  if (!service) throw new UserError("errors.forbidden");
  return prisma.$transaction(async (tx) => {
    const note = await tx.serviceNote.create({ data: { clientServiceId: service.id, authorId: operator.id, body } });
    // no organizationId: notes are the operators' own, not part of the shop's Support activity
    await record(tx, {
      actor: actorOf(operator),
      action: "note.added",
      target: { type: "client-service", id: service.id },
      details: { noteId: note.id, text: body },
    });
    return { noteId: note.id };
  });
}

/** Authors remove their own notes, administrators any; the text stays in the audit log. */
export async function removeNote(operator: Operator, noteId: string) {
  const note = await prisma.serviceNote.findUnique({ where: { id: noteId } });
  const service = note && (await findServiceFor(operator, note.clientServiceId));
  if (!note || !service) throw new UserError("errors.notFound");
  if (note.authorId !== operator.id && !operatorCan(operator.role, "notes.remove-any"))
    throw new UserError("errors.forbidden");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.serviceNote.deleteMany({ where: { id: note.id } });
    if (count === 1) {
      await record(tx, {
        actor: actorOf(operator),
        action: "note.removed",
        target: { type: "client-service", id: service.id },
        details: { noteId: note.id, text: note.body, authorId: note.authorId },
      });
    }
  });
}

export function listNotes(serviceId: string) {
  return prisma.serviceNote.findMany({
    where: { clientServiceId: serviceId },
    orderBy: { createdAt: "desc" },
    include: { author: { select: { id: true, name: true } } },
  });
}

export function listLifecycle(serviceId: string) {
  return prisma.lifecycleRecord.findMany({
    where: { clientServiceId: serviceId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    include: { changedBy: { select: { name: true } } },
  });
}
