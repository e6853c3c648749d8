import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChecker, type Checker } from '../../src/index.js';
import { assertPublishable, nextLawfulTime } from '../../src/cms/guard.js';
import { openDecisionLog } from '../../src/cms/decision-log.js';
import { createReloadingChecker } from '../../src/cms/reloading-checker.js';
import { isPublicationBlockedError, PublicationBlockedError } from '../../src/cms/publication-blocked-error.js';
import { UsageError } from '../../src/errors.js';
import { frenchPolicy } from '../helpers/policies.js';

const MAINLAND_START = '2017-05-05T22:00:00.000Z';
const END = '2017-05-07T18:00:00.000Z';
const propaganda = (publishedAt: string, audience = ['FR-MET']) => ({ id: 'post-1', publishedAt, categories: ['propaganda'], audience, channel: 'web' });

let checker: Checker;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});

/** The error assertPublishable throws, or a failure when it returns. */
function refusalOf(run: () => unknown): PublicationBlockedError {
  try {
    run();
  } catch (error) {
    if (error instanceof PublicationBlockedError) return error;
    throw error;
  }
  throw new Error('expected the publication to be refused');
}

describe('assertPublishable', () => {
  it('lets a publication out up to the last millisecond before the mainland silence', () => {
    const verdict = assertPublishable(checker, propaganda('2017-05-05T21:59:59.999Z'));
    expect(verdict.status).toBe('allowed');
  });

  it('refuses it from the first millisecond, with the verdict, the citation and the earliest time', () => {
    const error = refusalOf(() => assertPublishable(checker, propaganda(MAINLAND_START)));
    expect(error.code).toBe('PUBLICATION_BLOCKED');
    expect(error.reason).toBe('blocked');
    expect(error.verdict.status).toBe('blocked');
    expect(error.citation).toBe('Code électoral, art. L49, al. 2');
    expect(error.rules).toEqual(['fr.l49.propaganda']);
    expect(error.earliestAllowedAt).toBe(END);
    expect(isPublicationBlockedError(error)).toBe(true);
  });

  it('writes the editor a message in English and in French, with the local time it may go out', () => {
    const english = refusalOf(() => assertPublishable(checker, propaganda('2017-05-06T10:00:00+02:00')));
    expect(english.message).toBe(english.messages.en);
    expect(english.messages.en).toMatch(/^Publication blocked: .*\(Europe\/Paris\) \(Code électoral, art\. L49, al\. 2\)\. It may go out from Sun 7 May 2017 20:00 \(Europe\/Paris\)\.$/);
    expect(english.messages.fr).toMatch(/^Publication bloquée : .*Publication possible à partir du dim\. 7 mai 2017 20:00 \(Europe\/Paris\)\.$/);
    const french = refusalOf(() => assertPublishable(checker, propaganda('2017-05-06T10:00:00+02:00'), { lang: 'fr' }));
    expect(french.message).toBe(english.messages.fr);
    expect(french.verdict.violations[0]!.message).not.toBe(english.verdict.violations[0]!.message);
  });

  it('is serialisable: JSON carries the code, both messages and the verdict, and fromJSON rebuilds the error', () => {
    const error = refusalOf(() => assertPublishable(checker, propaganda('2017-05-06T10:00:00+02:00')));
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toEqual(JSON.parse(JSON.stringify(error.toJSON())));
    expect(json).toMatchObject({ name: 'PublicationBlockedError', code: 'PUBLICATION_BLOCKED', reason: 'blocked', earliestAllowedAt: END });
    expect(json.messages.fr).toBe(error.messages.fr);
    const rebuilt = PublicationBlockedError.fromJSON(json);
    expect(isPublicationBlockedError(rebuilt)).toBe(true);
    expect(rebuilt.message).toBe(error.message);
    expect(rebuilt.verdict).toEqual(json.verdict);
    expect(structuredClone(error.toJSON())).toEqual(error.toJSON());
  });

  it('passes review by default, as the CLI does, and refuses it with failOn review', () => {
    const record = { id: 'poll-word', publishedAt: '2017-05-06T10:00:00+02:00', title: 'Le dernier sondage', channel: 'web' };
    expect(assertPublishable(checker, record).status).toBe('review');
    const error = refusalOf(() => assertPublishable(checker, record, { failOn: 'review' }));
    expect(error.reason).toBe('review');
    expect(error.earliestAllowedAt).toBeNull();
    expect(error.messages.en).toMatch(/^Publication held for review: /);
    expect(error.messages.fr).toMatch(/^Publication à vérifier : /);
  });

  it('refuses a record it cannot check, naming the field', () => {
    const error = refusalOf(() => assertPublishable(checker, { id: 'x', publishedAt: '2017-05-06 10:00', categories: ['propaganda'] }));
    expect(error.reason).toBe('invalid');
    expect(error.messages.en).toMatch(/^Publication blocked: the record cannot be checked \(publishedAt: /);
    expect(error.messages.fr).toMatch(/^Publication bloquée : l'enregistrement ne peut pas être vérifié \(publishedAt : /);
  });

  it('checks a scheduled item at the instant it actually goes out', () => {
    const record = propaganda('2017-05-05T12:00:00+02:00');
    expect(assertPublishable(checker, record).status).toBe('allowed');
    expect(refusalOf(() => assertPublishable(checker, record, { at: '2017-05-06T08:00:00Z' })).verdict.at).toBe('2017-05-06T08:00:00.000Z');
  });

  it('fails closed when no policy ever loaded', () => {
    const missing = createReloadingChecker(join(tmpdir(), 'blackout-no-such-policy'), { watch: false });
    const error = refusalOf(() => assertPublishable(missing, propaganda('2017-01-01T00:00:00Z')));
    expect(error.reason).toBe('policy-unavailable');
    expect(error.verdict.status).toBe('blocked');
    expect(error.verdict.errors[0]).toMatchObject({ field: 'policy', code: 'policy-unavailable' });
    expect(error.messages.en).toContain('no election-silence policy is loaded');
    expect(error.messages.fr).toContain("aucune politique de silence électoral n'est chargée");
    expect(error.messages.en).toContain('blackout-no-such-policy');
  });

  it('rejects a language or threshold it does not know', () => {
    expect(() => assertPublishable(checker, propaganda(MAINLAND_START), { lang: 'de' as 'en' })).toThrow(UsageError);
    expect(() => assertPublishable(checker, propaganda(MAINLAND_START), { failOn: 'warn' as 'block' })).toThrow(UsageError);
  });

  it('logs the decision before it answers, refusals included', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blackout-guard-')), 'decisions.jsonl');
    const log = openDecisionLog(file);
    assertPublishable(checker, propaganda('2017-05-05T21:00:00Z'), { decisionLog: log });
    refusalOf(() => assertPublishable(checker, propaganda('2017-05-06T21:00:00Z'), { decisionLog: log }));
    await log.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.verdict.status)).toEqual(['allowed', 'blocked']);
  });
});

describe('nextLawfulTime', () => {
  it('gives the end of the silence for a blocked item, an instant at which the item is allowed', () => {
    const record = propaganda('2017-05-06T10:00:00+02:00', ['GP', 'FR-MET']);
    expect(nextLawfulTime(checker, record)).toBe(END);
    expect(checker.check(record, { at: END }).status).toBe('allowed');
    expect(checker.check(record, { at: Date.parse(END) - 1 }).status).toBe('blocked');
  });

  it('gives the desired time itself, in UTC, when it is lawful', () => {
    expect(nextLawfulTime(checker, propaganda('2017-05-05T23:59:59.999+02:00'))).toBe('2017-05-05T21:59:59.999Z');
    expect(nextLawfulTime(checker, propaganda('2017-01-01T00:00:00Z'), { at: END })).toBe(END);
  });

  it('throws the refusal when no time can be given', () => {
    expect(refusalOf(() => nextLawfulTime(checker, { id: 'x' })).reason).toBe('invalid');
  });
});
