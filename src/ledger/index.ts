export { providersThatMayHold } from './attempts.js';
export { orderFingerprint } from './fingerprint.js';
export type { FingerprintedOrder } from './fingerprint.js';
export { memoryLedger } from './memory.js';
export type { MemoryLedgerOptions } from './memory.js';
export { DEFAULT_LEASE_MS, DEFAULT_LEDGER_TIMEOUT_MS, DEFAULT_TTL_SECONDS } from './options.js';
export type { LedgerSettings } from './options.js';
export { restoreError, restoreSession, storeSession } from './session.js';
export type * from './types.js';
