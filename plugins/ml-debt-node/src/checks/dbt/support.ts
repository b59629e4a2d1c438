import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { ParsedNotebook } from '../../analysis/notebook';
import { PythonSource } from '../../analysis/python';
import { lineEvidence } from '../support';

/**
 * Where a line of a source is, for people: in a `.py` file the line itself; in
 * a notebook (whose code cells are joined into one source) the code cell and
 * the line within that cell, since the joined line number means nothing in the
 * `.ipynb` JSON.
 */
export function locationOf(
  source: PythonSource,
  line: number,
  notebooks: ReadonlyMap<string, ParsedNotebook>,
): string {
  if (source.kind !== 'notebook') return `${source.path}:${line}`;
  const nb = notebooks.get(source.path);
  if (!nb) return `${source.path}:${line}`;
  const cell = nb.cellOfLine[line - 1];
  if (cell === undefined) return `${source.path}:${line}`;
  const first = nb.cellOfLine.indexOf(cell);
  return `${source.path} cell ${cell + 1}, line ${line - first}`;
}

/** The notebooks of a scan by path. */
export function notebooksByPath(
  notebooks: readonly ParsedNotebook[],
): Map<string, ParsedNotebook> {
  return new Map(notebooks.map(nb => [nb.path, nb]));
}

/**
 * Line evidence that names the notebook cell when the source is a notebook.
 * The `line` stays the line of the joined code cells (what `lineEvidence`
 * gives); the message carries the cell.
 */
export function sourceEvidence(
  source: PythonSource,
  line: number,
  message: string,
  notebooks: ReadonlyMap<string, ParsedNotebook>,
): Evidence {
  const evidence = lineEvidence(source, line, message);
  if (source.kind === 'notebook') {
    evidence.message = `${message} (${locationOf(source, line, notebooks)})`;
  }
  return evidence;
}

/** Paths of generated or vendored Python that nobody on the team wrote. */
export const GENERATED_OR_VENDORED =
  /(?:^|\/)(?:_vendor|vendored|externals?|migrations)\/|_pb2(?:_grpc)?\.py$/;

/**
 * Score for a count of findings (mllint's big-files rule shape,
 * `max(100 − 25·n, 0)`), and the status that goes with it: `warn` while the
 * score is above 50, `fail` from 50 down (two findings, or one that counts
 * double).
 */
export function countScore(weightedCount: number): {
  score: number;
  status: 'pass' | 'warn' | 'fail';
} {
  if (weightedCount <= 0) return { score: 100, status: 'pass' };
  const score = Math.max(0, 100 - 25 * weightedCount);
  return { score, status: score > 50 ? 'warn' : 'fail' };
}
