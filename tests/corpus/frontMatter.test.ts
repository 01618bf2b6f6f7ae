import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/corpus/frontMatter.js';

describe('splitFrontMatter', () => {
  it('GIVEN YAML front matter THEN returns its fields and where the body starts', () => {
    const raw = '---\ntitle: "Peru breaks ties"\nauthor: Jane Roe\npublished: 2025-11-03\n---\nThe body.';
    const { fields, bodyStart } = splitFrontMatter(raw);
    expect(fields).toMatchObject({ title: 'Peru breaks ties', author: 'Jane Roe' });
    expect(raw.slice(bodyStart)).toBe('The body.');
  });

  it('GIVEN no front matter THEN the whole text is body', () => {
    expect(splitFrontMatter('The body.\nMore body.')).toEqual({ fields: {}, bodyStart: 0 });
  });

  it('GIVEN an empty front matter block THEN the body starts after it', () => {
    const raw = '---\n---\nThe body.';
    const { fields, bodyStart } = splitFrontMatter(raw);
    expect(fields).toEqual({});
    expect(raw.slice(bodyStart)).toBe('The body.');
  });

  it('GIVEN front matter with Windows line endings THEN reads it too', () => {
    const raw = '---\r\ntitle: Ties\r\n---\r\nThe body.';
    const { fields, bodyStart } = splitFrontMatter(raw);
    expect(fields).toEqual({ title: 'Ties' });
    expect(raw.slice(bodyStart)).toBe('The body.');
  });

  it('GIVEN invalid YAML that is not key-value lines THEN keeps the whole text as body, losing nothing', () => {
    const raw = '---\nNote: see below\nThe text: [unclosed\n---\nThe body.';
    expect(splitFrontMatter(raw)).toEqual({ fields: {}, bodyStart: 0 });
  });

  it('GIVEN key-value lines that YAML rejects (a quote inside quotes) THEN reads them as fields', () => {
    const raw = '---\ntitle: "Boeing 787 "Dreamliner\'\' makes maiden flight"\npublished: 2009-12-16\n---\nBody.';
    const { fields, bodyStart } = splitFrontMatter(raw);
    expect(fields).toEqual({ title: 'Boeing 787 "Dreamliner\'\' makes maiden flight', published: '2009-12-16' });
    expect(raw.slice(bodyStart)).toBe('Body.');
  });

  it('GIVEN an article that opens with a horizontal rule around prose THEN the prose is not swallowed', () => {
    const raw = '---\nThe government of Peru on Monday broke ties with Mexico.\n---\nMore text.';
    expect(splitFrontMatter(raw)).toEqual({ fields: {}, bodyStart: 0 });
  });

  it('GIVEN a YAML list between the rules THEN it is body, not metadata', () => {
    expect(splitFrontMatter('---\n- one\n- two\n---\nBody.')).toEqual({ fields: {}, bodyStart: 0 });
  });

  it('GIVEN a rule that is not on the first line THEN there is no front matter', () => {
    expect(splitFrontMatter('Intro.\n---\ntitle: x\n---\n').bodyStart).toBe(0);
  });

  it('GIVEN only front matter and no body THEN the body is empty', () => {
    const raw = '---\ntitle: Nothing else\n---';
    const { fields, bodyStart } = splitFrontMatter(raw);
    expect(fields).toEqual({ title: 'Nothing else' });
    expect(raw.slice(bodyStart)).toBe('');
  });
});
