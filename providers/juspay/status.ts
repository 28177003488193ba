import type { OrderStatus } from '../../src/port.js';

/** Juspay order statuses (and their numeric ids) on payroute's canonical statuses. */
const BY_NAME: Readonly<Record<string, OrderStatus>> = {
  CREATED: 'created',
  NEW: 'created',
  STARTED: 'pending',
  PENDING: 'pending',
  PENDING_VBV: 'pending',
  VBV_SUCCESSFUL: 'pending',
  AUTHORIZING: 'pending',
  AUTHORIZED: 'pending',
  COD_INITIATED: 'pending',
  CAPTURE_INITIATED: 'pending',
  VOID_INITIATED: 'pending',
  VOID_FAILED: 'pending',
  TO_BE_CHARGED: 'pending',
  PARTIAL_CHARGED: 'pending',
  CHARGED: 'paid',
  JUSPAY_DECLINED: 'failed',
  AUTHENTICATION_FAILED: 'failed',
  AUTHORIZATION_FAILED: 'failed',
  CAPTURE_FAILED: 'failed',
  AUTO_REFUNDED: 'failed',
  VOIDED: 'cancelled',
  NOT_FOUND: 'unknown',
};

const NAME_BY_ID: Readonly<Record<number, string>> = {
  1: 'CREATED', 10: 'NEW', 20: 'STARTED', 21: 'CHARGED', 22: 'JUSPAY_DECLINED', 23: 'PENDING_VBV',
  24: 'VBV_SUCCESSFUL', 25: 'AUTHORIZED', 26: 'AUTHENTICATION_FAILED', 27: 'AUTHORIZATION_FAILED',
  28: 'AUTHORIZING', 29: 'COD_INITIATED', 31: 'VOIDED', 32: 'VOID_INITIATED', 33: 'CAPTURE_INITIATED',
  34: 'CAPTURE_FAILED', 35: 'VOID_FAILED', 36: 'AUTO_REFUNDED', 40: 'NOT_FOUND',
};

/**
 * The canonical status of a Juspay order: by its status name, else by its numeric id, else `unknown`
 * (an unknown status never reads as paid).
 */
export function toOrderStatus(status: string, statusId?: number | string): OrderStatus {
  const byName = BY_NAME[status.toUpperCase()];
  if (byName) return byName;
  const name = statusId === undefined ? undefined : NAME_BY_ID[Number(statusId)];
  return (name === undefined ? undefined : BY_NAME[name]) ?? 'unknown';
}
