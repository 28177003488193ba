// What a provider of your own needs from neverthrow, so it works where only payroute is a dependency (pnpm).
export { err, errAsync, ok, okAsync, Result, ResultAsync } from 'neverthrow';
export { currencyCodes, currencyExponent } from './currencies.js';
export { gatewayError, isGatewayError, isPayrouteError, payrouteError, PayrouteConfigError } from './errors.js';
export type { AnswerErrorKind, FieldIssue, FieldlessKind, GatewayErrorKind, PayrouteError, PayrouteErrorBase, PayrouteErrorKind, PayrouteErrorOf, RetryAfterKind } from './errors.js';
export { parseMinorUnits, toMajorUnits, toMinorUnits } from './money.js';
export type { AmountError } from './money.js';
export { orderSchema, paymentMethods } from './order.js';
export type { Address, Customer, Order, PaymentMethod, ValidOrder } from './order.js';
export type {
  CheckoutLinks,
  CreateOrderOptions,
  LookupProvider,
  OperationName,
  OrderSession,
  OrderStatus,
  PaymentProvider,
  PreparedOrder,
  ProviderCapabilities,
} from './port.js';
export type { AbortLike } from './abort.js';
export type { HttpRequest, HttpResponse } from './transport.js';
export * from './provider/index.js';
export type { ExpectedAmount, GetOrderOptions, OrderState, StatusTableEntry } from './order-state.js';
export { DEFAULT_TIMEOUT_MS } from './defaults.js';
export { VERSION } from './version.js';
export * from './gateway/index.js';
export * from './ledger/index.js';
