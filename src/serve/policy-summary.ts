import type { Lang } from '../cms/lang.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { localize } from '../policy/text.js';

/** What `GET /v1/policy` answers: the policy's identity, elections and every compiled window. */
export function policySummary(policy: CompiledPolicy, lang: Lang) {
  return {
    id: policy.id,
    version: policy.version,
    sha256: policy.sha256,
    title: localize(policy.title, lang),
    jurisdiction: policy.jurisdiction,
    notice: localize(policy.notice, lang),
    elections: policy.elections.map((election) => ({
      id: election.id,
      kind: election.kind,
      title: localize(election.title, lang),
      provisional: election.provisional,
      rounds: election.rounds.map((round) => ({ ref: round.ref, date: round.date, provisional: round.provisional })),
    })),
    windows: policy.windows.map((window) => ({
      rule: window.rule.id,
      severity: window.rule.severity,
      election: window.election,
      region: policy.regions[window.region]!.code,
      start: window.utc.start,
      end: window.utc.end,
      localWindow: window.local,
      provisional: window.provisional,
    })),
  };
}
