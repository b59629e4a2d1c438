import { analysePython, PythonSource } from './python';

/** A notebook cell. @public */
export interface NotebookCell {
  index: number;
  type: 'code' | 'markdown' | 'raw';
  source: string;
  executionCount: number | null;
  outputCount: number;
}

/** A parsed `.ipynb` file. @public */
export interface ParsedNotebook {
  path: string;
  cells: NotebookCell[];
  /**
   * The code cells joined into one Python source, with IPython magics and
   * shell escapes turned into comments. `cellOfLine` maps its lines back.
   */
  python: PythonSource;
  /** 0-based cell index of each line of `python`. */
  cellOfLine: number[];
}

/**
 * Parses a notebook's JSON (nbformat 4). Returns undefined for text that is not
 * a notebook, so a stray `.ipynb` never fails a scan.
 *
 * @public
 */
export function parseNotebook(
  filePath: string,
  text: string,
): ParsedNotebook | undefined {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!json || !Array.isArray(json.cells)) {
    return undefined;
  }
  const cells: NotebookCell[] = json.cells.map((cell: any, index: number) => ({
    index,
    type:
      cell?.cell_type === 'markdown' || cell?.cell_type === 'raw'
        ? cell.cell_type
        : 'code',
    source: Array.isArray(cell?.source)
      ? cell.source.join('')
      : String(cell?.source ?? ''),
    executionCount:
      typeof cell?.execution_count === 'number' ? cell.execution_count : null,
    outputCount: Array.isArray(cell?.outputs) ? cell.outputs.length : 0,
  }));
  const codeLines: string[] = [];
  const cellOfLine: number[] = [];
  for (const cell of cells) {
    if (cell.type !== 'code') continue;
    for (const line of cell.source.split(/\r?\n/)) {
      // `%matplotlib inline`, `!pip install x`: not Python, keep as comments.
      codeLines.push(/^\s*[%!]/.test(line) ? `# ${line}` : line);
      cellOfLine.push(cell.index);
    }
  }
  return {
    path: filePath,
    cells,
    python: analysePython(filePath, codeLines.join('\n'), 'notebook'),
    cellOfLine,
  };
}
