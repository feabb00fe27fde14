// Shared by the operator forms in the browser and the server that checks what they send.

/** The roles an operator account can have (merchants are not operators). */
export const OPERATOR_ROLES = ["PARTNER", "ISSUER", "ADMINISTRATOR"] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Partner companies employ partner operators (and own shops); issuer companies issuer operators. */
export const COMPANY_KINDS = ["partner", "issuer"] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];
