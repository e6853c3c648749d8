import type { CheckOptions } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import type { CompiledPolicy } from '../compile/compiled.js';

/**
 * What the CMS helpers need of a checker: a `Checker` from `createChecker`,
 * or a `ReloadingChecker` (whose policy may be missing: it then fails closed).
 */
export interface VerdictSource {
  readonly policy: CompiledPolicy | undefined;
  check(record: unknown, options?: CheckOptions): Verdict;
}

/** The error code of a verdict made without a policy (see {@link unavailableVerdict}). */
export const POLICY_UNAVAILABLE = 'policy-unavailable';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Fail-closed: with no policy to check against, a publication is blocked and
 * the verdict says why, in French with `lang` 'fr' (the reason too, when it
 * has its French: a policy's problems). There is no window, so
 * `earliestAllowedAt` is null.
 */
export function unavailableVerdict(record: unknown, reason: { readonly message: string; readonly fr?: string }, lang?: string): Verdict {
  let id: string | null = null;
  try {
    const candidate = (record as { id?: unknown } | null)?.id;
    if (typeof candidate === 'string') id = candidate;
  } catch {
    // A hostile getter: the verdict is blocked either way.
  }
  return {
    id,
    status: 'blocked',
    at: null,
    violations: EMPTY,
    earliestAllowedAt: null,
    errors: [
      {
        field: 'policy',
        code: POLICY_UNAVAILABLE,
        message: lang === 'fr' ? `aucune politique n’est chargée : ${reason.fr ?? reason.message}` : `no policy is loaded: ${reason.message}`,
      },
    ],
    detections: EMPTY,
  };
}
