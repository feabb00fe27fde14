// The typed general configurations and the add-on catalogue. Labels and help texts live in the
// messages (admin.config.<key>, shop.addOns.<code>); here only what the server validates against.
export const configDefinitions = [
  { key: "platform.name", scope: "PLATFORM", type: "TEXT", defaultValue: "Backoffice Access", max: 80, position: 1 },
  {
    key: "platform.supportEmail",
    scope: "PLATFORM",
    type: "EMAIL",
    defaultValue: "support@backoffice-access.local",
    position: 2,
  },
  {
    key: "platform.helpUrl",
    scope: "PLATFORM",
    type: "URL",
    defaultValue: "https://help.backoffice-access.local",
    position: 3,
  },
  { key: "platform.maxSessionHours", scope: "PLATFORM", type: "NUMBER", defaultValue: 8, min: 1, max: 24, position: 4 },
  { key: "platform.maintenanceMode", scope: "PLATFORM", type: "BOOLEAN", defaultValue: false, position: 5 },
  {
    key: "platform.defaultLanguage",
    scope: "PLATFORM",
    type: "CHOICE",
    defaultValue: "en",
    choices: ["en", "de"],
    position: 6,
  },
  { key: "service.displayName", scope: "SERVICE", type: "TEXT", defaultValue: "", max: 80, position: 1 },
  { key: "service.contactEmail", scope: "SERVICE", type: "EMAIL", defaultValue: "contact@example.com", position: 2 },
  {
    key: "service.callbackUrl",
    scope: "SERVICE",
    type: "URL",
    defaultValue: "https://example.com/callback",
    position: 3,
  },
  {
    key: "service.maxOrdersPerDay",
    scope: "SERVICE",
    type: "NUMBER",
    defaultValue: 1000,
    min: 1,
    max: 100000,
    position: 4,
  },
  { key: "service.guestCheckout", scope: "SERVICE", type: "BOOLEAN", defaultValue: true, position: 5 },
  {
    key: "service.theme",
    scope: "SERVICE",
    type: "CHOICE",
    defaultValue: "system",
    choices: ["light", "dark", "system"],
    position: 6,
  },
] as const satisfies ReadonlyArray<{
  key: string;
  scope: "PLATFORM" | "SERVICE";
  type: "TEXT" | "NUMBER" | "BOOLEAN" | "CHOICE" | "EMAIL" | "URL";
  defaultValue: string | number | boolean;
  min?: number;
  max?: number;
  choices?: string[];
  position: number;
}>;

export const addOnProducts = [
  { code: "EXTRA_STORAGE", position: 1 },
  { code: "ADDITIONAL_CERTIFICATE", position: 2 },
  { code: "PRIORITY_SUPPORT", position: 3 },
];
