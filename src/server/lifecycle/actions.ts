"use server";
import { z } from "zod";
import { consoleAction } from "@/server/action";
import { changeServiceStatus } from "./lifecycle";
import { addNote, removeNote } from "./notes";
import { multiLine, singleLine } from "@/lib/text";

/** Activate, suspend or cancel at once, from the status the page showed; suspend and cancel need a reason. */
export const changeServiceStatusAction = consoleAction(
  {
    schema: z.object({
      serviceId: z.uuid(),
      action: z.enum(["activate", "suspend", "cancel"]),
      /** the status the operator's page showed, which the change is meant for */
      from: z.enum(["PENDING", "ACTIVE", "SUSPENDED", "CANCELLED"]),
      reason: singleLine({ max: 500, tooLong: "console.lifecycle.errors.reasonTooLong" }).optional().default(""),
    }),
    permission: "lifecycle.change",
    revalidate: "/console/client-services",
  },
  async (input, { operator }) => changeServiceStatus(operator, input.serviceId, input.action, input.reason, input.from),
);

export const addNoteAction = consoleAction(
  {
    schema: z.object({
      serviceId: z.uuid(),
      body: multiLine({ min: 1, max: 2000, tooLong: "console.notes.errors.tooLong" }),
    }),
    permission: "notes.add",
    revalidate: "/console/client-services",
  },
  async (input, { operator }) => addNote(operator, input.serviceId, input.body),
);

export const removeNoteAction = consoleAction(
  { schema: z.object({ noteId: z.uuid() }), permission: "notes.add", revalidate: "/console/client-services" },
  async (input, { operator }) => {
    await removeNote(operator, input.noteId);
    return null;
  },
);
