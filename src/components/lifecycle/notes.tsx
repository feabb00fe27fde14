"use client";
import { useActionState, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { addNoteAction, removeNoteAction } from "@/server/lifecycle/actions";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import type { ActionResult } from "@/server/action";

export interface NoteView {
  id: string;
  body: string;
  createdAt: string;
  authorName: string;
  removable: boolean;
}

type Outcome = { result: ActionResult<unknown>; success?: string };

/** Remove in two steps; the answer goes to the notes' own message, as the note goes with it. */
function RemoveNote({ noteId, answer }: { noteId: string; answer: (outcome: Outcome) => void }) {
  const t = useTranslations("console.notes");
  const [, dispatch] = useActionState(async (_previous: unknown, data: FormData) => {
    const result = await removeNoteAction(null, data);
    answer({ result, success: t("removed") });
    return result;
  }, null);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="remove-note">
        {t("remove")}
      </button>
    );
  return (
    <ActionForm action={dispatch} className="inline-form">
      <input type="hidden" name="noteId" value={noteId} />
      <span>{t("confirmRemove")}</span>
      <SubmitButton className="button danger" testId="confirm-remove-note">
        {t("confirm")}
      </SubmitButton>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        {t("keep")}
      </button>
    </ActionForm>
  );
}

export function Notes({ serviceId, notes }: { serviceId: string; notes: NoteView[] }) {
  const t = useTranslations("console.notes");
  const format = useFormatter();
  // the last answer, to adding or to removing a note, in one live region that takes the focus
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [state, dispatch] = useActionState(
    async (previous: Awaited<ReturnType<typeof addNoteAction>> | null, data: FormData) => {
      const result = await addNoteAction(previous, data);
      setOutcome({ result, success: t("added") });
      return result;
    },
    null,
  );
  return (
    <div data-testid="notes">
      {notes.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <ul className="notes">
          {notes.map((n) => (
            <li key={n.id} data-testid="note">
              <p className="note-body">{n.body}</p>
              <p className="muted">
                {t("by", {
                  name: n.authorName,
                  at: format.dateTime(new Date(n.createdAt), { dateStyle: "medium", timeStyle: "short" }),
                })}
              </p>
              {n.removable && <RemoveNote noteId={n.id} answer={setOutcome} />}
            </li>
          ))}
        </ul>
      )}
      <ActionForm action={dispatch} key={state?.ok ? state.data.noteId : "new"} className="form narrow-form">
        <input type="hidden" name="serviceId" value={serviceId} />
        <Field label={t("add")} name="body" state={state}>
          {(control) => <textarea {...control} rows={3} maxLength={2000} data-testid="note-body" />}
        </Field>
        <FormMessage state={outcome?.result ?? null} success={outcome?.success} />
        <div>
          <SubmitButton testId="add-note">{t("addButton")}</SubmitButton>
        </div>
      </ActionForm>
    </div>
  );
}
