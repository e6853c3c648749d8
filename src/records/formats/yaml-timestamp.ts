const YAML_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?[ \t]*(Z|z|[+-]\d{1,2}(?::?\d{2})?)?)?$/;

/**
 * Writes a YAML timestamp (`2017-05-06 10:00`, `2017-05-06 10:00:00 +0200`,
 * `2017-05-06`) as the ISO 8601 the checker reads. Nothing is guessed: a
 * time without offset stays a local time (it needs a zone), and a bare date
 * is midnight local time, when site generators publish it. Other text is
 * returned as it is, for the checker to report.
 */
export function yamlTimestampToIso(text: string): string {
  const match = YAML_TIMESTAMP.exec(text.trim());
  if (!match) return text;
  const [, date, hour, minute, second, fraction, offset] = match;
  if (hour === undefined) return `${date}T00:00:00`;
  return `${date}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}${fraction ?? ''}${offset === undefined ? '' : isoOffset(offset)}`;
}

function isoOffset(offset: string): string {
  if (offset === 'Z' || offset === 'z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  // `+2`, `+02`, `+0200`: hours are the digits before the last two, when there are four or three.
  const hours = digits.length > 2 ? digits.slice(0, -2) : digits;
  const minutes = digits.length > 2 ? digits.slice(-2) : '00';
  return `${offset[0]}${hours.padStart(2, '0')}:${minutes}`;
}
