import type { ErrorObject } from 'ajv';
import { guillemets, type IssueText } from './issue-text.js';

// What a schema error says, in English (ajv's own words, as they always were)
// and in French, said from the error's keyword and parameters.

/** One schema error's message at a place, before the messages of that place are put together. */
export interface SchemaMessage extends IssueText {
  /** What the value must be, when the message is `must be …`: such messages at one place become one (`must be string or object`). */
  readonly mustBe?: IssueText;
  /** A failed oneOf, said better by its branches' own errors. */
  readonly union?: true;
}

/** JSON Schema types in French, as a YAML author knows them. */
const TYPES_FR: Readonly<Record<string, string>> = {
  string: 'une chaîne',
  number: 'un nombre',
  integer: 'un entier',
  boolean: 'un booléen (true ou false)',
  object: 'un dictionnaire (clé: valeur)',
  array: 'une liste',
  null: 'null',
};

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

/**
 * An error of a keyword whose message ajv writes (the others are said by
 * validate.ts): its English text, and the French built from its parameters.
 */
export function keywordMessage(error: ErrorObject): SchemaMessage {
  const en = error.message ?? error.keyword;
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  const mustBe = (what: IssueText): SchemaMessage => ({ en, fr: `doit être ${what.fr}`, mustBe: what });
  switch (error.keyword) {
    case 'type': {
      const types = ([] as unknown[]).concat(params.type).map(String);
      return mustBe({ en: en.slice('must be '.length), fr: types.map((type) => TYPES_FR[type] ?? type).join(' ou ') });
    }
    case 'const':
      return { ...mustBe({ en: en.slice('must be '.length), fr: JSON.stringify(params.allowedValue) }), fr: `doit valoir ${JSON.stringify(params.allowedValue)}` };
    case 'multipleOf':
      return mustBe({ en: en.slice('must be '.length), fr: `un multiple de ${String(params.multipleOf)}` });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const said = { '>=': 'valoir au moins', '<=': 'valoir au plus', '>': 'être supérieur à', '<': 'être inférieur à' }[String(params.comparison)];
      return { en, fr: `doit ${said ?? `être ${String(params.comparison)}`} ${String(params.limit)}` };
    }
    case 'minLength':
      return { en, fr: limit === 1 ? 'ne doit pas être vide' : `doit faire au moins ${plural(limit, 'caractère')}` };
    case 'maxLength':
      return { en, fr: `doit faire au plus ${plural(limit, 'caractère')}` };
    case 'minItems':
      return { en, fr: limit === 1 ? 'ne doit pas être une liste vide' : `doit avoir au moins ${plural(limit, 'élément')}` };
    case 'maxItems':
      return { en, fr: `doit avoir au plus ${plural(limit, 'élément')}` };
    case 'minProperties':
      return { en, fr: limit === 1 ? 'ne doit pas être vide' : `doit avoir au moins ${plural(limit, 'clé')}` };
    case 'maxProperties':
      return { en, fr: `doit avoir au plus ${plural(limit, 'clé')}` };
    case 'uniqueItems':
      return { en, fr: `ne doit pas avoir de doublon (les éléments ${String(params.j)} et ${String(params.i)} sont identiques)` };
    case 'format':
      return { en, fr: `doit avoir le format ${guillemets(String(params.format))}` };
    case 'oneOf':
      return { en, fr: 'doit correspondre à une seule des formes admises', union: true };
    case 'anyOf':
      return { en, fr: 'ne correspond à aucune des formes admises' };
    case 'not':
      return { en, fr: 'ne doit pas avoir cette forme' };
    case 'dependentRequired':
    case 'dependencies':
      return { en, fr: `doit avoir la clé ${guillemets(String(params.missingProperty))} quand il a ${guillemets(String(params.property))}` };
    case 'false schema':
      return { en, fr: 'aucune valeur n’est admise ici' };
    default:
      return { en, fr: `ne respecte pas la règle ${guillemets(error.keyword)} du schéma` };
  }
}

/** The messages of one place as one: `must be string or object; …`, or that the value matches no allowed form. */
export function mergeMessages(messages: readonly SchemaMessage[]): IssueText {
  const types = messages.flatMap((message) => (message.mustBe ? [message.mustBe] : []));
  const others = messages.filter((message) => message.mustBe === undefined && message.union === undefined);
  const merged: IssueText[] = types.length > 0 ? [{ en: `must be ${types.map((type) => type.en).join(' or ')}`, fr: `doit être ${types.map((type) => type.fr).join(' ou ')}` }] : [];
  const all = [...merged, ...others];
  if (all.length === 0) return { en: 'does not match any allowed form', fr: 'ne correspond à aucune des formes admises' };
  return { en: all.map((message) => message.en).join('; '), fr: all.map((message) => message.fr).join(' ; ') };
}
