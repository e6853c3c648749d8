import { extensionOf, type SkipReason } from '../records/input-item.js';
import type { InputNotes } from './inputs.js';
import type { ReportMessages } from './messages.js';

/** The order skipped items are told in: files not read first, then pages that are not publications. */
const REASONS: readonly SkipReason[] = ['unsupported-kind', 'draft', 'expired', 'unpublished', 'list-page'];

/**
 * Skipped items in groups, one per reason, with every one counted: files of
 * a kind not read by extension (".org ×2, .adoc ×1"), drafts and expired or
 * unpublished pages by name. Raw text: callers make it printable.
 */
export function skippedGroups(inputs: InputNotes, words: ReportMessages): string[] {
  const groups: string[] = [];
  for (const reason of REASONS) {
    const count = inputs.skippedReasons[reason];
    if (count === 0) continue;
    const listed = inputs.skipped.filter((item) => item.reason === reason);
    let names: string[];
    if (reason === 'unsupported-kind') {
      const byExtension = new Map<string, number>();
      for (const { source } of listed) {
        const extension = extensionOf(source.file) || words.inputs.noExtension;
        byExtension.set(extension, (byExtension.get(extension) ?? 0) + 1);
      }
      // Most frequent first; ties in the order met.
      names = [...byExtension].sort(([, a], [, b]) => b - a).map(([extension, times]) => `${extension} ×${times}`);
    } else {
      names = listed.map(({ source }) => source.file);
    }
    const more = count - listed.length;
    if (more > 0) names.push(words.inputs.more(more));
    groups.push(`${words.inputs.reasons[reason](count)}${words.colon} ${names.join(', ')}`);
  }
  return groups;
}
