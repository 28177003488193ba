import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import { describe, expect, it } from 'vitest';
import { commerceEngineOpenApi } from '../../providers/commerce-engine/sandbox/openapi.js';
import { flowwiseOpenApi } from '../../providers/flowwise/sandbox/openapi.js';
import { juspayCredOpenApi, juspayOpenApi } from '../../providers/juspay/sandbox/openapi.js';

describe('the OpenAPI documents', () => {
  it.each([
    ['Flowwise', flowwiseOpenApi],
    ['Commerce Engine', commerceEngineOpenApi],
  ])('%s: is a valid OpenAPI 3.0 document', async (_name, document) => {
    // Not quick: openapi-backend checks the document against the OpenAPI 3.0 schema and, strict, throws.
    const api = new OpenAPIBackend({ definition: structuredClone(document) as Document, strict: true });
    await expect(api.init()).resolves.toBe(api);
  });

  it.each([
    ['standard', juspayOpenApi],
    ['CRED pay', juspayCredOpenApi],
  ])('Juspay %s: OpenAPI 3.1 whose request schema compiles in strict JSON Schema', (_name, document) => {
    expect(document['openapi']).toBe('3.1.0');
    // No OpenAPI 3.1 meta-schema ships with the validator, so check the schema itself: strict ajv
    // rejects unknown keywords, so a misspelt `maxLenght` cannot pass silently.
    // `metadata.CRED:offers_applied` is meant to match both its property and `metadata.<KEY>`.
    const strict = { strict: true, allowMatchingProperties: true } as const;
    const ajv = addFormats.default(new Ajv.default(strict), ['uri']);
    const components = document['components'] as { schemas: Record<string, object> };
    expect(() => ajv.compile(components.schemas['CreateOrderRequest']!)).not.toThrow();
  });

  it('Juspay: the CRED document differs only in the order id limit and the routing id header', () => {
    const request = (d: typeof juspayOpenApi) => (d['components'] as { schemas: { CreateOrderRequest: { properties: Record<string, { pattern?: string }> } } }).schemas.CreateOrderRequest;
    const headers = (d: typeof juspayOpenApi) =>
      (d['paths'] as Record<string, { post: { parameters: Array<{ name: string; required: boolean }> } }>)['/orders']!.post.parameters;
    expect(request(juspayOpenApi).properties['order_id']!.pattern).toBe('^[A-Za-z0-9_-]{1,20}$');
    expect(request(juspayCredOpenApi).properties['order_id']!.pattern).toBe('^[A-Za-z0-9_-]{1,17}$');
    expect(headers(juspayOpenApi).find((p) => p.name === 'x-routing-id')?.required).toBe(false);
    expect(headers(juspayCredOpenApi).find((p) => p.name === 'x-routing-id')?.required).toBe(true);
  });
});
