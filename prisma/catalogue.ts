// The typed general configurations of a client service and the add-on catalogue. Labels and help
// texts live in the messages (console.configurations.labels.<key>, shop.addOns.<code>); here only
// what the server validates against.
export const configDefinitions = [
  { key: "service.displayName", type: "TEXT", defaultValue: "", max: 80, position: 1 },
  { key: "service.contactEmail", type: "EMAIL", defaultValue: "contact@example.com", position: 2 },
  {
    key: "service.callbackUrl",
    type: "URL",
    defaultValue: "https://example.com/callback",
    position: 3,
  },
  {
    key: "service.maxOrdersPerDay",
    type: "NUMBER",
    defaultValue: 1000,
    min: 1,
    max: 100000,
    position: 4,
  },
  { key: "service.guestCheckout", type: "BOOLEAN", defaultValue: true, position: 5 },
  {
    key: "service.theme",
    type: "CHOICE",
    defaultValue: "system",
    choices: ["light", "dark", "system"],
    position: 6,
  },
] as const satisfies ReadonlyArray<{
  key: string;
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
