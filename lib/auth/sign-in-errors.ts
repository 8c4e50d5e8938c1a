// Imported by the sign-in form (a client component) as well as the server: imports nothing.
/** The error next-auth hands the sign-in form when an attempt is refused by the sign-in limits. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
