import type { PolicyIssue } from '../errors.js';
import type { Category, Described, Election, Group, Metadata, PolicyDocument, Region, RegionCode, Rule } from './document.generated.js';
import type { PolicyFile } from './collect-files.js';
import { issueAtPath, type PathSegment, type SourceFile } from './source-file.js';
import { alreadyDefined, guillemets, type NameKind } from './issue-text.js';

/** A value with the place it was written, so later checks can point at it. */
export interface Located<T> {
  readonly value: T;
  readonly source: SourceFile;
  readonly path: readonly PathSegment[];
}

/** Every file's definitions put together, before meaning is checked. */
export interface PolicyModel {
  readonly metadata: Located<Metadata> | undefined;
  readonly regions: ReadonlyMap<string, Located<Region>>;
  readonly groups: ReadonlyMap<string, Located<Group>>;
  readonly defaultAudience: Located<RegionCode[]> | undefined;
  readonly uncategorised: Located<NonNullable<PolicyDocument['uncategorised']>> | undefined;
  readonly channels: ReadonlyMap<string, Located<Described>>;
  readonly categories: ReadonlyMap<string, Located<Category>>;
  readonly elections: readonly Located<Election>[];
  readonly rules: readonly Located<Rule>[];
  readonly files: readonly SourceFile[];
}

/** Merges files in order; a second definition of a name is an error at the second place. */
export function mergeFiles(files: readonly PolicyFile[]): { model: PolicyModel; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  let metadata: Located<Metadata> | undefined;
  let defaultAudience: Located<RegionCode[]> | undefined;
  let uncategorised: Located<NonNullable<PolicyDocument['uncategorised']>> | undefined;
  const regions = new Map<string, Located<Region>>();
  const groups = new Map<string, Located<Group>>();
  const channels = new Map<string, Located<Described>>();
  const categories = new Map<string, Located<Category>>();
  const elections: Located<Election>[] = [];
  const rules: Located<Rule>[] = [];

  const single = <T>(current: Located<T> | undefined, value: T | undefined, source: SourceFile, key: string): Located<T> | undefined => {
    if (value === undefined) return current;
    if (current) {
      const file = current.source.name;
      issues.push(issueAtPath(source, [key], 'semantic', { en: `'${key}' is already set in ${file}; only one file may set it`, fr: `${guillemets(key)} est déjà fixé dans ${file} ; un seul fichier peut le fixer` }, 'key'));
      return current;
    }
    return { value, source, path: [key] };
  };
  const named = <T>(target: Map<string, Located<T>>, entries: Record<string, T | undefined> | undefined, source: SourceFile, key: string, what: NameKind) => {
    for (const [name, value] of Object.entries(entries ?? {})) {
      if (value === undefined) continue;
      const previous = target.get(name);
      if (previous) {
        issues.push(issueAtPath(source, [key, name], 'semantic', alreadyDefined(what, name, previous.source.name), 'key'));
        continue;
      }
      target.set(name, { value, source, path: [key, name] });
    }
  };

  for (const { source, document } of files) {
    metadata = single(metadata, document.policy, source, 'policy');
    defaultAudience = single(defaultAudience, document.defaultAudience, source, 'defaultAudience');
    uncategorised = single(uncategorised, document.uncategorised, source, 'uncategorised');
    named(regions, document.regions, source, 'regions', 'region');
    named(groups, document.groups, source, 'groups', 'group');
    named(channels, document.channels, source, 'channels', 'channel');
    named(categories, document.categories, source, 'categories', 'category');
    document.elections?.forEach((value, index) => elections.push({ value, source, path: ['elections', index] }));
    document.rules?.forEach((value, index) => rules.push({ value, source, path: ['rules', index] }));
  }
  return {
    model: { metadata, regions, groups, defaultAudience, uncategorised, channels, categories, elections, rules, files: files.map((file) => file.source) },
    issues,
  };
}
