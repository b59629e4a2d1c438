/** Helpers shared by the DOC-* checks: reading the structure of Markdown documents. */

const HEADING =
  /^\s{0,3}#{1,6}\s|^\s*(?:\*\*|__)[^*_\n]{1,80}(?:\*\*|__)\s*:?\s*$|^\s*<h[1-6][\s>]|^[A-Z][\w ,/&()-]{0,60}:\s*$/;

/** The YAML front matter of a Markdown document (between leading `---` lines), if any. */
export function frontMatter(text: string): string | undefined {
  const match = /^---\r?\n([\s\S]{0,20000}?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
  return match?.[1];
}

/**
 * The heading lines of a Markdown (or HTML) document: `#` headings, bold
 * lines, `<h1>`…`<h6>`, and short `Title:` lines. Setext headings (a line
 * underlined with `===` or `---`) count too.
 */
export function headingLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const headings: string[] = [];
  lines.forEach((line, i) => {
    if (HEADING.test(line)) headings.push(line);
    else if (
      line.trim() !== '' &&
      /^\s{0,3}(?:=+|-+)\s*$/.test(lines[i + 1] ?? '')
    )
      headings.push(line);
  });
  return headings;
}
