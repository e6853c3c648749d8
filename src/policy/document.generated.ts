/* Generated from src/policy/schema/policy.schema.json by `npm run schema:types`. Do not edit. */

/**
 * A path relative to the file that names it (not absolute).
 */
export type RelativePath = string;
export type Id = string;
/**
 * Human text: a string, or one string per language code (en, fr, ...).
 */
export type Text =
  | string
  | {
      [k: string]: string | undefined;
    };
export type Url = string;
export type Sources = Source[];
/**
 * When the policy's texts and dates were last reviewed against their sources (shown in `policy list` and the catalogue).
 */
export type CalendarDate = string;
/**
 * An IANA time zone, or 'region' for the audience region's own zone.
 */
export type Zone = string;
export type RegionCode = string;
/**
 * The calendar is not official: `no-decree` (or true), the dates are not fixed yet (no convocation decree); `inferred`, a past date inferred rather than sourced. Every verdict that depends on it says which.
 */
export type Provisional = boolean | ('no-decree' | 'inferred');
/**
 * The round's main voting day.
 */
export type CalendarDate1 = string;
/**
 * How many consecutive days the vote lasts (default 1).
 */
export type VotingDays = number;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type CalendarDate2 = string;
/**
 * A region's own voting day for the round: a date, a date with details, or `none` when the region takes no part in the round (its deputy elected earlier, say): no window anchored on its own vote exists for it then.
 */
export type RegionVote =
  | CalendarDate2
  | 'none'
  | {
      date: CalendarDate2;
      days?: VotingDays;
      /**
       * When the polls close there, local time on its last voting day.
       */
      closes?: string;
      provisional?: Provisional;
      note?: Text;
      sources?: Sources;
    };
export type Name = string;
export type Anchor = {
  kind: 'regionVotingDay' | 'votingDay' | 'monthStart' | 'fixed' | 'regionClose' | 'lastClose';
} & Anchor1;
export type Anchor1 =
  | {
      kind: 'regionVotingDay';
      days?: number;
      time: Time;
      zone?: Zone;
      day?: DayRef;
      round?: RoundRef;
    }
  | {
      kind: 'votingDay';
      days?: number;
      time: Time;
      zone: Zone;
      day?: DayRef;
      round?: RoundRef;
    }
  | {
      kind: 'monthStart';
      months: number;
      time: Time;
      zone: Zone;
      round?: RoundRef;
    }
  | {
      kind: 'fixed';
      dateTime: string;
      zone: Zone;
    }
  | {
      kind: 'regionClose';
      /**
       * Hours after (or, negative, before) the close.
       */
      hours?: number;
      round?: RoundRef;
    }
  | {
      kind: 'lastClose';
      /**
       * Hours after (or, negative, before) the close.
       */
      hours?: number;
      round?: RoundRef;
    };
/**
 * A wall-clock time, HH:MM; 24:00 is the end of the day.
 */
export type Time = string;
/**
 * For a vote over several days, count from its first or last day, or from its Nth day (1 is the first) (default: first).
 */
export type DayRef = ('first' | 'last') | number;
/**
 * Which round of the election an anchor counts from (default: this).
 */
export type RoundRef = 'this' | 'first' | 'last';

/**
 * An electoral-silence policy: regions, categories, elections and the rules whose windows forbid publishing. A file may extend other files; a folder is the union of its files.
 */
export interface PolicyDocument {
  /**
   * Path or URL of this schema, for editors.
   */
  $schema?: string;
  /**
   * Policy files (relative paths) whose definitions this file builds on.
   */
  extends?: RelativePath | [RelativePath, ...RelativePath[]];
  policy?: Metadata;
  /**
   * Audience regions by code, each with its IANA time zone.
   */
  regions?: {
    [k: string]: Region | undefined;
  };
  /**
   * Named sets of regions, usable wherever a region code is.
   */
  groups?: {
    [k: string]: Group | undefined;
  };
  /**
   * Regions or groups reached by a record that names no audience.
   *
   * @minItems 1
   */
  defaultAudience?: [RegionCode, ...RegionCode[]];
  /**
   * What a record that declares no category (and that no detector recognises) gets while a block window it could fall under is open for its audience. `review` (the default): during a silence every publication must say what it is; `allowed`: such a record passes. Every block rule's windows count, but those a mapping lists under `except`.
   */
  uncategorised?:
    | ('review' | 'allowed')
    | {
        status: 'review' | 'allowed';
        /**
         * Block rules whose windows do not make an uncategorised record `review` (a long ban on paid advertising, say).
         *
         * @minItems 1
         */
        except?: [Id, ...Id[]];
      };
  /**
   * The vocabulary of channels a record may name.
   */
  channels?: {
    [k: string]: Described | undefined;
  };
  /**
   * The vocabulary of content categories, with optional phrase detectors.
   */
  categories?: {
    [k: string]: Category | undefined;
  };
  elections?: Election[];
  rules?: Rule[];
}
export interface Metadata {
  id: Id;
  title: Text;
  /**
   * ISO 3166 code of the country (or subdivision).
   */
  jurisdiction: string;
  version: string;
  /**
   * Human text: a string, or one string per language code (en, fr, ...).
   */
  notice:
    | string
    | {
        [k: string]: string | undefined;
      };
  sources?: Sources;
  reviewed?: CalendarDate;
}
export interface Source {
  id?: string;
  title: string;
  url: Url;
}
export interface Region {
  name: Text;
  zone: Zone;
  note?: Text;
  /**
   * When the region's polls close, local time on its last voting day, unless a round says otherwise.
   */
  closes?: string;
}
export interface Group {
  name: Text;
  /**
   * @minItems 1
   */
  regions: [RegionCode, ...RegionCode[]];
}
export interface Described {
  description: Text;
}
export interface Category {
  description: Text;
  detectors?: Detector[];
}
export interface Detector {
  /**
   * Words or phrases matched on word boundaries, ignoring case and accents. No regular expressions.
   *
   * @minItems 1
   * @maxItems 1000
   */
  phrases: [string, ...string[]];
  /**
   * @minItems 1
   */
  fields?: ['title' | 'body', ...('title' | 'body')[]];
}
export interface Election {
  id: Id;
  /**
   * presidential, legislative, european, referendum, ...
   */
  kind: string;
  title: Text;
  provisional?: Provisional;
  note?: Text;
  sources?: Sources;
  /**
   * @minItems 1
   */
  rounds: [Round, ...Round[]];
}
export interface Round {
  id: Id;
  title?: Text;
  date: CalendarDate1;
  days?: VotingDays;
  /**
   * When the polls close, local time on the last voting day, in each region that has no closing time of its own.
   */
  closes?: string;
  provisional?: Provisional;
  /**
   * For a provisional round: the first and last dates its main voting day may fall on (for a presidential election, the constitutional range). Region voting days move with it. A verdict on a covered record in the span of the windows these dates give is marked provisional, allowed ones too.
   */
  range?: {
    from: CalendarDate2;
    to: CalendarDate2;
  };
  note?: Text;
  /**
   * Regions or groups that vote on another day than the main one.
   */
  regions?: {
    [k: string]: RegionVote | undefined;
  };
}
export interface Rule {
  id: Id;
  title: Text;
  citation: {
    text: string;
    url?: Url;
  };
  severity: 'block' | 'review';
  /**
   * The legal basis is not confirmed (a secondary or weak source): every violation says so.
   */
  provisional?: boolean;
  /**
   * One window per round (default) or one per election, with anchors naming round: first or last.
   */
  per?: 'round' | 'election';
  covers: Covers;
  /**
   * The rule applies to rounds (or elections) whose voting day falls in [from, until].
   */
  inForce?: {
    from?: CalendarDate2;
    until?: CalendarDate2;
  };
  /**
   * The half-open interval [start, end) in which the rule applies.
   */
  window: {
    start: Anchor;
    end: Anchor;
  };
  /**
   * Human text: a string, or one string per language code (en, fr, ...).
   */
  message?:
    | string
    | {
        [k: string]: string | undefined;
      };
  penalty?: Text;
  /**
   * Human text: a string, or one string per language code (en, fr, ...).
   */
  note?:
    | string
    | {
        [k: string]: string | undefined;
      };
  sources?: Sources;
}
/**
 * What the rule covers. Every list given must match; an absent list matches everything.
 */
export interface Covers {
  /**
   * @minItems 1
   */
  categories: [Name, ...Name[]];
  /**
   * @minItems 1
   */
  channels?: [Name, ...Name[]];
  /**
   * @minItems 1
   */
  publisherKinds?: [
    'candidate' | 'party' | 'media' | 'individual' | 'platform' | 'government',
    ...('candidate' | 'party' | 'media' | 'individual' | 'platform' | 'government')[]
  ];
  /**
   * @minItems 1
   */
  regions?: [RegionCode, ...RegionCode[]];
  /**
   * @minItems 1
   */
  elections?: [Id, ...Id[]];
  /**
   * @minItems 1
   */
  electionKinds?: [Name, ...Name[]];
  /**
   * Election-round ids, as <election id>-<round id>.
   *
   * @minItems 1
   */
  rounds?: [Id, ...Id[]];
}
