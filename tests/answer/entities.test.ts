import { describe, expect, it } from 'vitest';
import { tagEntities, type EntityType } from '../../src/answer/entities.js';

function tagged(text: string): [EntityType, string][] {
  return tagEntities(text).map((entity) => [entity.type, text.slice(entity.start, entity.end)]);
}

describe('tagEntities', () => {
  it('GIVEN amounts of money, percentages and counts THEN tags each as its own kind', () => {
    expect(tagged('The package includes a $20,000 payment, a 14.45% fall and 179 tankers.')).toEqual([
      ['money', '$20,000'],
      ['percent', '14.45%'],
      ['number', '179'],
    ]);
  });

  it('GIVEN a number or an amount followed by a comma THEN the comma is not part of it', () => {
    expect(tagged('It cost US$200,000, and 62,000, workers left.')).toEqual([
      ['money', 'US$200,000'],
      ['number', '62,000'],
    ]);
  });

  it('GIVEN dates of several forms THEN tags them as dates, and a span of time as a duration', () => {
    const text = 'Talks began in late November and ended on December 7, 2022, after roughly two weeks.';
    expect(tagged(text)).toEqual([
      ['date', 'late November'],
      ['date', 'December 7, 2022'],
      ['duration', 'two weeks'],
    ]);
  });

  it('GIVEN a year before 1500 after a preposition of time or marked as an era THEN it is a date', () => {
    expect(tagged('In 1066, William conquered England.')).toContainEqual(['date', '1066']);
    expect(tagged('By 1169 the Normans had landed in Ireland.')).toContainEqual(['date', '1169']);
    expect(tagged('The war lasted from 1337 to 1453.')).toEqual([
      ['date', '1337'],
      ['date', '1453'],
    ]);
    expect(tagged('Rome was sacked in 410 AD, long after 753 BC.')).toEqual([
      ['place', 'Rome'],
      ['date', '410 AD'],
      ['date', '753 BC'],
    ]);
    expect(tagged('Its walls were rebuilt in the 11th century and again in the fifteenth century.')).toEqual([
      ['date', '11th century'],
      ['date', 'fifteenth century'],
    ]);
  });

  it('GIVEN "BP" after thousands THEN it is years before present; after a small number THEN the company', () => {
    expect(tagged('Warming began about 13,000 BP.')).toEqual([['date', '13,000 BP']]);
    expect(tagged('He bought 5 BP shares.')).toEqual([
      ['number', '5'],
      ['organisation', 'BP'],
    ]);
  });

  it('GIVEN a small number after a preposition but before a counted noun THEN it stays a count', () => {
    expect(tagged('He won by 500 votes.')).toEqual([['number', '500']]);
    expect(tagged('Prices rose from 250 to 300 dollars.')).toEqual([
      ['number', '250'],
      ['money', '300 dollars'],
    ]);
    expect(tagged('It rose by 250 to 1,200.')).toEqual([
      ['number', '250'],
      ['number', '1,200'],
    ]);
  });

  it('GIVEN a name after a title or with a known given name THEN it is a person, the title left out', () => {
    expect(tagged('Interim President José Jerí met Karla Ornela.')).toEqual([
      ['person', 'José Jerí'],
      ['person', 'Karla Ornela'],
    ]);
  });

  it('GIVEN a title with an institution word ("Foreign Minister") before a name THEN the name is a person', () => {
    expect(tagged('“We regret it,” Peruvian Foreign Minister Hugo de Zela told reporters.')).toEqual([
      ['person', 'Hugo de Zela'],
    ]);
    // No name after the role word: nothing to cut.
    expect(tagged('On Monday the Minister of Labor met the press.')).toContainEqual([
      'organisation',
      'Minister of Labor',
    ]);
  });

  it('GIVEN a title whose role word is qualified ("then-Vice President") THEN the qualifier goes with the title', () => {
    expect(tagged('Castillo was succeeded by then-Vice President Dina Boluarte.')).toEqual([
      ['person', 'Castillo'],
      ['person', 'Dina Boluarte'],
    ]);
    expect(tagged('Shares of First Solar rose.')).toEqual([['name', 'First Solar']]);
  });

  it('GIVEN names with institution words or known companies THEN they are organisations, whole', () => {
    expect(tagged('Japan saw Yamato Life Insurance Company fail, and General Motors fell.')).toEqual([
      ['place', 'Japan'],
      ['organisation', 'Yamato Life Insurance Company'],
      ['organisation', 'General Motors'],
    ]);
  });

  it('GIVEN a number after a word that cannot open a name THEN it stays a count; after a name THEN it is part of it', () => {
    expect(tagged('Nearly 200 homes were destroyed.')).toContainEqual(['number', '200']);
    expect(tagged('Over 50 flights were cancelled.')).toContainEqual(['number', '50']);
    expect(tagged('Boeing 787 deliveries slipped again.')).toEqual([['name', 'Boeing 787']]);
  });

  it('GIVEN a capitalised common word opening the sentence THEN it is not a name', () => {
    expect(tagged('Reports say that the deal fell through.')).toEqual([]);
  });
});
