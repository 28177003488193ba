// The public provider kit: everything a provider's folder needs, inside payroute or outside it.
export { defineProvider } from './define-provider.js';
export type { DefinedProvider, ProviderFactory } from './define-provider.js';
export type {
  AnswerProblem,
  CommonOptions,
  Connection,
  CreateOrderOperation,
  GetOrderOperation,
  DeclaredCapabilities,
  ProviderDefinition,
  ProviderErrorDetails,
  ProviderSession,
  ProviderState,
  SandboxPart,
} from './definition.js';
export { notFoundAnswer, parseJsonBody, refusedAnswer, toDate, unreadableAnswer } from './answers.js';
export { minorUnitsOf } from '../lookup.js';
export { statedMajorAmount, statedMinorAmount } from '../answer.js';
export type { AnswerRules, ProviderAnswer, StatedAmount } from '../answer.js';
export { commonOptionsSchema, environmentMessage, environmentRefinement, headerValueSchema, secretSchema } from '../config.js';
export { toProviderDecimal } from '../money.js';
export { toFieldIssues } from '../validation.js';
