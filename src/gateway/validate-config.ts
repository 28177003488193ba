import { err, ok, type Result } from 'neverthrow';
import type { FieldIssue } from '../errors.js';
import { toFieldIssues } from '../validation.js';
import { gatewayConfigSchema, providersSchema, type ParsedGatewayConfig } from './config-schema.js';
import type { ProviderFactory } from '../provider/define-provider.js';
import { buildProviders, factoriesByType, type GatewayProvider } from './registry.js';

/** A configuration that passed every check, with its providers built. */
export interface ValidatedGateway {
  readonly config: ParsedGatewayConfig;
  readonly providers: readonly GatewayProvider[];
}

/**
 * Checks a configuration completely, the providers' own option schemas included, so that nothing
 * about it can fail later at the first order. Issues name paths such as `providers.juspay_main.apiKey`;
 * every section is checked even when another is wrong, so one run lists every mistake.
 */
export function validateGatewayConfig(input: unknown, factories: readonly ProviderFactory[]): Result<ValidatedGateway, FieldIssue[]> {
  const parsed = gatewayConfigSchema.safeParse(input);
  const entries = providersSchema().safeParse(typeof input === 'object' && input !== null ? (input as { providers?: unknown }).providers : undefined);
  const built = entries.success ? buildProviders(entries.data, factoriesByType(factories), parsed.success ? parsed.data : {}) : ok([]);
  if (!parsed.success || built.isErr()) {
    return err([...(parsed.success ? [] : toFieldIssues(parsed.error)), ...(built.isErr() ? built.error : [])]);
  }
  return ok({ config: parsed.data, providers: built.value });
}
