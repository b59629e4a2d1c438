import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { firstN } from '../support';
import { formatBytes } from '../rep/support';
import {
  dirOf,
  dvcPaths,
  dvcStages,
  ignoreMatcher,
  joinPath,
  lfsMatcher,
} from './support';

/** mllint's `git.maxFileSize` default: any file this large is flagged. */
const BIG_FILE_BYTES = 10_000_000;
/** Data and model files are flagged from this size (the card's size floor for fixtures). */
const DATA_FILE_BYTES = 1_000_000;
/** mllint's penalty per large file. */
const PENALTY = 25;

const DATA_OR_MODEL =
  /\.(?:csv|tsv|parquet|feather|arrow|h5|hdf5|npy|npz|pkl|pickle|joblib|pt|pth|ckpt|onnx|pb|tflite|safetensors|bin|zip|tar|tar\.gz)$/i;
const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1/;

/**
 * Paths DVC tracks: the targets of `*.dvc` files and the outputs of
 * `dvc.yaml` stages (and everything below a tracked folder). In a working
 * copy they exist on disk but are not in Git.
 */
function dvcTracked(facts: RepositoryFacts): (path: string) => boolean {
  const tracked = new Set<string>();
  for (const f of facts.snapshot.glob('**/*.dvc')) {
    tracked.add(f.path.replace(/\.dvc$/, ''));
    for (const doc of facts.yaml(f.path))
      for (const out of dvcPaths((doc as any)?.outs))
        tracked.add(joinPath(dirOf(f.path), out));
  }
  for (const f of facts.snapshot.glob(['**/dvc.yaml', '**/dvc.lock'])) {
    for (const doc of facts.yaml(f.path)) {
      for (const stage of dvcStages(doc)) {
        for (const out of dvcPaths(stage.outs))
          tracked.add(joinPath(dirOf(f.path), out));
      }
    }
  }
  return (filePath: string) => {
    if (tracked.has(filePath)) return true;
    const parts = filePath.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (tracked.has(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  };
}

/**
 * VER-02 — Large data or model binaries committed to Git. mllint's
 * `git-no-big-files` on the repository tree (files ≥ 10 MB) plus data and
 * model formats from 1 MB. File sizes come from the snapshot listing, so files
 * too large to read are still weighed. Files Git does not store are not
 * counted: Git LFS pointers, paths `.gitattributes` routes to LFS, paths
 * `.gitignore` excludes and DVC-tracked outputs (a working copy lists them).
 */
export const VER_02: MlDebtCheck = {
  id: 'VER-02',
  title: 'Large data or model binaries committed to Git',
  category: 'versioning',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['infra.1'],
  debtType: 'Data dependencies / reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'Git keeps every version of every blob forever: a committed dataset or model checkpoint bloats every clone, cannot be diffed, and versions the data by accident rather than by design (no lineage, no remote, no access control). mllint flags every file over 10 MB in the Git history ("Project should not have any large files in its Git history") and takes 25 points off per file.',
  references: [
    'mllint rule version-control/code/git-no-big-files',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §3 (data dependencies)',
    'Breck et al. 2017, The ML Test Score, Infra 1',
  ],
  remediation: [
    'Move datasets and model files to DVC, Git LFS or object storage and keep only their pointers in Git.',
    'Purge the files from the history with git filter-repo so clones stop downloading them.',
    'Add .gitignore patterns for the data and model folders so they are not committed again.',
  ],
  evaluate({ facts, snapshot }) {
    const candidates = snapshot
      .files()
      .filter(
        f =>
          f.size >= BIG_FILE_BYTES ||
          (f.size >= DATA_FILE_BYTES && DATA_OR_MODEL.test(f.path)),
      );
    if (candidates.length === 0) {
      return {
        status: 'pass',
        summary: `No file of 10 MB or more, and no data or model file of 1 MB or more, is committed.`,
      };
    }
    const inLfs = lfsMatcher(facts);
    const ignored = ignoreMatcher(facts);
    const tracked = dvcTracked(facts);
    const large = candidates.filter(f => {
      // A pointer is tiny on disk, but a reader may report the object's size.
      const text = snapshot.readText(f.path);
      if (text !== undefined && LFS_POINTER.test(text)) return false;
      return !inLfs(f.path) && !tracked(f.path) && !ignored(f.path);
    });
    if (large.length === 0) {
      return {
        status: 'pass',
        summary: `The ${candidates.length} large file${
          candidates.length > 1 ? 's are' : ' is'
        } stored outside Git (LFS, DVC or ignored).`,
      };
    }
    const score = Math.max(100 - PENALTY * large.length, 0);
    const evidence: Evidence[] = firstN(
      [...large].sort((a, b) => b.size - a.size),
    ).map(f => ({
      message: `${formatBytes(f.size)} ${
        DATA_OR_MODEL.test(f.path) ? 'data or model file' : 'file'
      } committed to Git`,
      path: f.path,
    }));
    const total = large.reduce((sum, f) => sum + f.size, 0);
    return {
      status: score === 0 ? 'fail' : 'warn',
      score,
      summary: `${large.length} large file${
        large.length > 1 ? 's' : ''
      } (${formatBytes(
        total,
      )} in total) committed to Git instead of DVC, LFS or object storage.`,
      evidence,
    };
  },
};
