import { PolicyError } from '../errors.js';
import { collectPolicyFiles, type PolicyReader } from '../policy/collect-files.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { compilePolicy } from '../compile/compile.js';
import { mergeFiles } from '../policy/merge.js';

/**
 * Reads, validates, merges and compiles the policy whose files are `entries`
 * (with everything they extend). Throws a PolicyError listing every problem.
 */
export function assemblePolicy(entries: readonly string[], reader: PolicyReader): CompiledPolicy {
  const { files, issues } = collectPolicyFiles(entries, reader);
  if (issues.length > 0) throw new PolicyError(issues);
  const merged = mergeFiles(files);
  const compiled = compilePolicy(merged.model);
  const all = [...merged.issues, ...compiled.issues];
  if (all.length > 0 || !compiled.policy) throw new PolicyError(all);
  return compiled.policy;
}
