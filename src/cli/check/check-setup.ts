import { createScanningChecker, type CheckOptions } from '../../engine/checker.js';
import type { ScannedRecord } from '../../records/formats/scan-record.js';
import type { Verdict } from '../../engine/verdict.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import type { FormatContext, FormatName, ReportOptions } from '../../report/index.js';
import type { Lang } from '../options/lang-option.js';
import { withZone } from '../options/zone-options.js';
import { version } from '../version.js';

/** How a `blackout check` run checks and reports its records, in the main thread and in every worker alike. */
export interface CheckSetup {
  /** As given: workers load the policy from it, as the main thread does. */
  /** A policy file or folder, or several checked as one. */
  readonly policyPath: string | readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly at: number | undefined;
  readonly zone: string | undefined;
  readonly lang: Lang;
  readonly format: FormatName;
  readonly color: boolean;
  readonly failOn: 'block' | 'review';
  readonly maxRecordBytes: number;
  /** The text report: its zone (else the policy's home zone), width (else 100), and allowed records listed too. */
  readonly displayZone?: string;
  readonly width?: number;
  readonly verbose?: boolean;
  /** Set for junit or github only (a job summary is a sink: never for the formats workers write). */
  readonly report?: ReportOptions;
}

/**
 * Whether the check takes its fast paths: NDJSON records scanned from their
 * bytes rather than parsed, verdicts written from pieces rather than
 * formatted. BLACKOUT_TEST_PLAIN_PATH (tests only) turns them off, so that
 * the tests can compare their output with the plain path's, byte for byte.
 */
export function fastPaths(setup: Pick<CheckSetup, 'env'>): boolean {
  return setup.env.BLACKOUT_TEST_PLAIN_PATH === undefined;
}

/** What the formatters are told of the run. */
export function formatContext(policy: CompiledPolicy, setup: CheckSetup): FormatContext {
  return {
    policy,
    color: setup.color,
    lang: setup.lang,
    failOn: setup.failOn,
    toolVersion: version(),
    ...(setup.displayZone === undefined ? {} : { displayZone: setup.displayZone }),
    ...(setup.width === undefined ? {} : { width: setup.width }),
    ...(setup.verbose ? { verbose: true } : {}),
    ...setup.report,
  };
}

/**
 * A stream may hold millions of unlike records: a small outcome cache keeps
 * memory flat. Each worker holds one, which fills and is emptied over and
 * over: at 2 million records on two workers, 2,000 kept the peak RSS 13 MiB
 * under 10,000 (and 5,000) in the same time.
 */
const OUTCOME_CACHE_SIZE = 2_000;

/** How `blackout check` checks a record: parsed (any value), or scanned from its NDJSON line. */
export interface RecordCheck {
  readonly check: (record: unknown) => Verdict;
  readonly checkScanned: (record: ScannedRecord) => Verdict;
}

/** Checks one record as `blackout check` does. */
export function recordChecker(policy: CompiledPolicy, options: Pick<CheckSetup, 'at' | 'zone' | 'lang'>): RecordCheck {
  const checker = createScanningChecker(policy, { outcomeCacheSize: OUTCOME_CACHE_SIZE });
  const checkOptions: CheckOptions = { ...(options.at === undefined ? {} : { at: options.at }), lang: options.lang };
  const { zone } = options;
  return {
    check: (record) => checker.check(zone === undefined ? record : withZone(record, zone), checkOptions),
    checkScanned: (record) => {
      // `--zone` for a record that names none, as withZone does.
      if (zone !== undefined && record.zone === undefined) record.zone = zone;
      return checker.checkScanned(record, checkOptions);
    },
  };
}


const DUPLICATE = {
  en: (id: string) => `id '${id}' appears earlier in the input`,
  fr: (id: string) => `l’identifiant « ${id} » apparaît plus haut dans l’entrée`,
} as const;

/** The verdict of a record whose id came earlier in the run: invalid, whatever the rules say. */
export function duplicate(verdict: Verdict, lang: Lang): Verdict {
  return {
    ...verdict,
    status: 'invalid',
    violations: [],
    earliestAllowedAt: null,
    detections: [],
    errors: [{ field: 'id', code: 'duplicate-id', message: DUPLICATE[lang](verdict.id!) }],
  };
}
