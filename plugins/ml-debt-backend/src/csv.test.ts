import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('fraud-detection')).toBe('fraud-detection');
    expect(csvCell(72.5)).toBe('72.5');
    expect(csvCell(-3.5)).toBe('-3.5');
  });

  it('writes missing values as empty cells', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('quotes text with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\tx'])(
    'neutralises %j, which a spreadsheet would run as a formula',
    text => {
      expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('neutralises and quotes a formula with a comma', () => {
    expect(csvCell('=HYPERLINK("x"),1')).toBe(`"'=HYPERLINK(""x""),1"`);
  });
});

describe('toCsv', () => {
  it('writes a header row and one CRLF-terminated row per item', () => {
    const csv = toCsv<{ a: string; b?: number }>(
      ['a', 'b'],
      [{ a: 'x', b: 1 }, { a: 'y, z' }],
    );

    expect(csv).toBe('a,b\r\nx,1\r\n"y, z",\r\n');
  });
});
