import { fileURLToPath } from 'node:url';

/** The shipped French policy set, found beside the installed package. */
export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../../policies/fr', import.meta.url));
