/**
 * The longest name a person's account keeps: what an invitation names them and what they may name
 * themselves on accepting it are one limit, or the name they were invited by would be refused.
 */
export const PERSON_NAME_MAX = 100;

/** The longest name of a partner or issuer company, for the forms and the server alike. */
export const COMPANY_NAME_MAX = 200;
