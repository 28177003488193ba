// The public provider kit: everything a provider's folder needs, inside payroute or outside it.
export { defineProvider } from './define-provider.js';
export type { DefinedProvider, ProviderFactory } from './define-provider.js';
export type {
  AnswerProblem,
  CommonOptions,
  Connection,
  CreateOrderOperation,
  DeclaredCapabilities,
  ProviderDefinition,
  ProviderErrorDetails,
  ProviderSession,
  SandboxPart,
} from './definition.js';
export { parseJsonBody, refusedAnswer, toDate, unreadableAnswer } from './answers.js';
export { statedMajorAmount } from '../answer.js';
export type { AnswerRules, ProviderAnswer, StatedAmount } from '../answer.js';
export { commonOptionsSchema, environmentMessage, environmentRefinement, headerValueSchema, secretSchema } from '../config.js';
export { toProviderDecimal } from '../money.js';
export { toFieldIssues } from '../validation.js';
