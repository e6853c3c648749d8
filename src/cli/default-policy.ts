import { shippedPolicyPath } from '../policy/shipped.js';

/** The shipped French policy set, found beside the installed package. */
export const DEFAULT_POLICY_PATH = shippedPolicyPath('fr');
