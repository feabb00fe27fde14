"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { textOr } from "@/i18n/keys";
import { saveConfigurationsAction } from "@/server/configurations/actions";
import { FieldError, FormMessage, hintId, invalid, SubmitButton } from "@/components/ui/form";
import { TableScroll } from "@/components/ui/table-scroll";

export interface ConfigField {
  key: string;
  type: "TEXT" | "NUMBER" | "BOOLEAN" | "CHOICE" | "EMAIL" | "URL";
  value: string | number | boolean;
  defaultValue: string | number | boolean;
  min: number | null;
  max: number | null;
  choices: string[];
}

const FIELD_PREFIX = "config.";

/**
 * Every typed configuration with the control its type needs; read-only for all but administrators
 * (the note says why; by default, that only administrators change them).
 */
export function ConfigurationsForm({
  serviceId,
  fields,
  readOnly,
  readOnlyNote,
}: {
  serviceId: string;
  fields: ConfigField[];
  readOnly: boolean;
  readOnlyNote?: string;
}) {
  const t = useTranslations("console.configurations");
  const [state, action] = useActionState(saveConfigurationsAction, null);
  const choice = (f: ConfigField, c: string) => textOr(t, `choices.${f.key.replace(".", "_")}.${c}`, c);
  const show = (f: ConfigField, v: string | number | boolean) =>
    typeof v === "boolean"
      ? t(v ? "yes" : "no")
      : v === ""
        ? t("empty")
        : f.type === "CHOICE"
          ? choice(f, String(v))
          : String(v);
  const control = (f: ConfigField) => {
    const name = `${FIELD_PREFIX}${f.key}`;
    // described by its type (and a number's range) in the row's Type cell, and by its error
    const common = { name, id: name, disabled: readOnly, ...invalid(state, name, undefined, true) };
    switch (f.type) {
      case "BOOLEAN":
        return (
          <select {...common} defaultValue={String(f.value)}>
            <option value="true">{t("yes")}</option>
            <option value="false">{t("no")}</option>
          </select>
        );
      case "CHOICE":
        return (
          <select {...common} defaultValue={String(f.value)}>
            {f.choices.map((c) => (
              <option key={c} value={c}>
                {choice(f, c)}
              </option>
            ))}
          </select>
        );
      case "NUMBER":
        return (
          <input
            {...common}
            type="number"
            step="1"
            min={f.min ?? undefined}
            max={f.max ?? undefined}
            defaultValue={String(f.value)}
          />
        );
      default:
        return (
          <input
            {...common}
            type={f.type === "EMAIL" ? "email" : f.type === "URL" ? "url" : "text"}
            maxLength={f.max ?? 500}
            defaultValue={String(f.value)}
          />
        );
    }
  };
  return (
    <ActionForm action={action} className="form" data-testid="configurations-form">
      <input type="hidden" name="serviceId" value={serviceId} />
      <TableScroll label={t("title")}>
        <table className="table">
          <thead>
            <tr>
              <th>{t("setting")}</th>
              <th>{t("type")}</th>
              <th>{t("value")}</th>
              <th>{t("default")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.key} data-testid={`config-${f.key}`}>
                <td>
                  <label htmlFor={`${FIELD_PREFIX}${f.key}`}>
                    {textOr(t, `labels.${f.key.replace(".", "_")}`, f.key)}
                  </label>
                </td>
                <td id={hintId(`${FIELD_PREFIX}${f.key}`)}>
                  {t(`types.${f.type}`)}
                  {f.type === "NUMBER" && f.min !== null && f.max !== null ? ` (${f.min}–${f.max})` : ""}
                </td>
                <td>
                  {control(f)}
                  <FieldError state={state} name={`${FIELD_PREFIX}${f.key}`} />
                </td>
                <td className="muted">{show(f, f.defaultValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {readOnly ? (
        <p className="muted" data-testid="configurations-readonly">
          {readOnlyNote ?? t("readOnly")}
        </p>
      ) : (
        <>
          <FormMessage state={state} success={state?.ok ? t("saved", { count: state.data.changed }) : undefined} />
          <div>
            <SubmitButton testId="save-configurations">{t("save")}</SubmitButton>
          </div>
        </>
      )}
    </ActionForm>
  );
}
