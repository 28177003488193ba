import type { FormatsPlugin } from 'ajv-formats';
import type { OpenAPIBackend } from 'openapi-backend';

/** The packages the sandbox validates requests with: optional peer dependencies of payroute. */
export const VALIDATOR_PACKAGES = ['openapi-backend@~5.20.1', 'ajv-formats@^3.0.1'] as const;

interface ValidatorLibraries {
  readonly OpenAPIBackend: typeof OpenAPIBackend;
  readonly addFormats: FormatsPlugin;
}

/**
 * openapi-backend and ajv-formats, loaded when a sandbox starts: a user who never starts one does not
 * install them. Rejects with an `Error` naming the packages to install when they are missing.
 */
export async function loadValidatorLibraries(): Promise<ValidatorLibraries> {
  try {
    const [backend, formats] = await Promise.all([import('openapi-backend'), import('ajv-formats')]);
    // ajv-formats is CommonJS with a `default` export: one level deep in ESM, two when bundled to CommonJS.
    const plugin = formats.default as FormatsPlugin & { default?: FormatsPlugin };
    return { OpenAPIBackend: backend.OpenAPIBackend, addFormats: typeof plugin.default === 'function' ? plugin.default : plugin };
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    throw new Error(
      `payroute's sandbox validates requests with openapi-backend and ajv-formats, which are not installed: ` +
        `npm install --save-dev ${VALIDATOR_PACKAGES.join(' ')}`,
    );
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
