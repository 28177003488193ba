/** Default deadline of one create-order call: Juspay and Cashfree advise 5 to 10 seconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;
