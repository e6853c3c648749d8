import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';

// The official SARIF 2.1.0 schema (rtm.5, the OASIS standard's), as shipped by Microsoft's sarif-js-sdk.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const { id, $schema: _draft, ...schemaBody } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

// The schema is draft-04, whose only difference that it uses is `id` for `$id`; ajv 8 reads the rest as is.
// Its language pattern has a stray `]` that only non-unicode regular expressions accept.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
ajv.addFormat('uri', (value) => URL.canParse(value));
ajv.addFormat('uri-reference', (value) => URL.canParse(value, 'file:///base/'));
ajv.addFormat('date-time', (value) => !Number.isNaN(Date.parse(value)));

/** Validates a SARIF log against the official schema; `errors` says why not. */
export const validateSarif = ajv.compile({ ...schemaBody, $id: String(id) });
