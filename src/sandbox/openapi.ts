import type { Document, ValidationResult } from 'openapi-backend';
import { loadValidatorLibraries } from './validator-libraries.js';

type AjvError = NonNullable<ValidationResult['errors']>[number];

/** An OpenAPI 3.0 or 3.1 document as plain JSON data. */
export type OpenApiDocument = Readonly<Record<string, unknown>>;

/** One thing wrong with a request, as the OpenAPI document (or a provider rule) found it. */
export interface FieldProblem {
  /** Body field (dotted for nested JSON, verbatim for flat form keys such as `metadata.X`) or header name. */
  readonly field: string;
  readonly reason: string;
}

/** A request as the validator sees it: the body already parsed into the object the document describes. */
export interface RequestToValidate {
  readonly method: string;
  /** Path below the API root, such as `/orders`. */
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Checks requests against one OpenAPI 3 document. */
export interface RequestValidator {
  /** Whether the document has an operation at this method and path. */
  hasOperation(method: string, path: string): boolean;
  /** Everything the document's operation finds wrong with the request; empty when it is valid. */
  validate(request: RequestToValidate): FieldProblem[];
}

/**
 * A validator for an OpenAPI document, by openapi-backend (ajv underneath), so the sandbox checks requests
 * independently of the adapters' own zod schemas. Rejects when the document cannot be read.
 */
export async function createRequestValidator(document: OpenApiDocument): Promise<RequestValidator> {
  const { OpenAPIBackend, addFormats } = await loadValidatorLibraries();
  const api = new OpenAPIBackend({
    // openapi-backend dereferences in place, and the document is a shared module constant. The cast only
    // names the data; the tests check every document against OpenAPI.
    definition: structuredClone(document) as Document,
    strict: true,
    quick: true,
    ajvOpts: { allErrors: true, logger: false },
    customizeAjv: (ajv) => addFormats(ajv, ['email', 'uri', 'date-time']),
  });
  await api.init();
  // Quick mode compiles each validator on its first request, which can take longer than a test's timeout
  // on a busy machine; compile them now, at start.
  api.validator.preCompileRequestValidators();
  return {
    hasOperation: (method, path) => api.matchOperation({ method, path, headers: {} }) !== undefined,
    validate: (request) => {
      const operation = api.matchOperation({ method: request.method, path: request.path, headers: {} });
      if (!operation) return [{ field: request.path, reason: 'no such operation' }];
      const result = api.validateRequest({ ...request, headers: { ...request.headers } }, operation);
      return dedupe((result.errors ?? []).map(toProblem));
    },
  };
}

function toProblem(error: AjvError): FieldProblem {
  // Paths look like /requestBody/customer_details/customer_email or /header/version.
  const [root = '', ...rest] = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const missing = String(params['missingProperty']);
    const field = root === '' ? (missing === 'requestBody' ? 'body' : missing) : [...rest, missing].join('.');
    return { field, reason: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    return { field: [...rest, String(params['additionalProperty'])].join('.'), reason: 'is not a documented field' };
  }
  const field = rest.join('.') || (root === 'header' ? 'headers' : 'body');
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    return { field, reason: `must be one of ${params['allowedValues'].join(', ')}` };
  }
  return { field, reason: error.message ?? error.keyword };
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field} ${p.reason}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
