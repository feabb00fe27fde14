"use server";
import { z } from "zod";
import { consoleAction } from "@/server/action";
import { changeServiceStatus } from "./lifecycle";
import { addNote, removeNote } from "./notes";

/** Activate, suspend or cancel at once; suspend and cancel need a reason. */
export const changeServiceStatusAction = consoleAction(
  {
    schema: z.object({
      serviceId: z.uuid(),
      action: z.enum(["activate", "suspend", "cancel"]),
      reason: z.string().trim().max(500, "console.lifecycle.errors.reasonTooLong").optional().default(""),
    }),
    permission: "lifecycle.change",
    revalidate: "/console/client-services",
  },
  async (input, { operator }) => changeServiceStatus(operator, input.serviceId, input.action, input.reason),
);

export const addNoteAction = consoleAction(
  {
    schema: z.object({ serviceId: z.uuid(), body: z.string().trim().min(1, "errors.required").max(2000, "console.notes.errors.tooLong") }),
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
