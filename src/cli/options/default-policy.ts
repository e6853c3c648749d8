import { shippedPolicyPath } from '../../policy-load/shipped.js';

/** The shipped French policy set, found beside the installed package. */
export const DEFAULT_POLICY_PATH = shippedPolicyPath('fr');

/** The policies `--policy` names (it may be given several times), else the shipped French one. */
export function policyPaths(given: readonly string[] | undefined): readonly string[] {
  return given !== undefined && given.length > 0 ? given : [DEFAULT_POLICY_PATH];
}
