import { describe, expect, it } from 'vitest';
import { duplicateKey } from '../../../src/records/formats/json-duplicate-keys.js';

const found = (text: string) => duplicateKey(text, JSON.parse(text));

describe('a key written twice in one JSON object', () => {
  it('is found, named as JSON.parse decodes it, with the offset of its second writing', () => {
    const text = '{"id":"a","categories":["poll"],"categories":["news"]}';
    expect(found(text)).toEqual({ key: 'categories', offset: text.lastIndexOf('"categories"') });
    expect(found('{"a":1,"\\u0061":2}')).toEqual({ key: 'a', offset: 7 });
    expect(found('[{"x":{"y":[{"z":1,"z":2}]}}]')).toEqual({ key: 'z', offset: 19 });
    const proto = '{"__proto__":1,"__proto__":2}';
    expect(found(proto)).toEqual({ key: '__proto__', offset: proto.lastIndexOf('"__proto__"') });
  });

  it('is not seen in keys repeated across objects, nor in strings that look like keys, colons and quotes within', () => {
    for (const text of [
      '[{"id":"a"},{"id":"a"}]',
      '{"id":"a","publisher":{"id":"a"}}',
      '{"title":"\\"id\\":\\"a\\", id: a","id":"a"}',
      '{"body":"a:b:c","tags":["x:y","id"],"id":"\\\\"}',
      '{"a":{},"b":[],"c":[{}],"": 1}',
      '42',
    ]) {
      expect(found(text), text).toBeUndefined();
    }
  });

  it('holds for texts nested as deep as JSON.parse takes them, without recursion', () => {
    const depth = 100_000;
    expect(found(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)).toBeUndefined();
    const text = `${'[{"a":'.repeat(depth)}{"b":1,"b":2}${'}]'.repeat(depth)}`;
    expect(found(text)).toEqual({ key: 'b', offset: text.indexOf('"b"', text.indexOf('"b"') + 1) });
  });
});
