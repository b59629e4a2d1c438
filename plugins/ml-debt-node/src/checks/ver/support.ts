import picomatch from 'picomatch';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { PythonSource } from '../../analysis/python';
import { lineEvidence } from '../support';
import { findCodeLine } from '../../analysis/sourceText';

/**
 * Helpers shared by the VER-* checks: whether the service is an ML service,
 * code and string signals, DVC metadata, `.gitattributes`/`.gitignore`
 * matching, and catalog lookups.
 */

/** Whether the service trains or serves models: ML code, or a catalog type saying so. */
export function isMlService(
  facts: RepositoryFacts,
  entity: Entity | undefined,
): boolean {
  if (facts.mlModules.length > 0) return true;
  const type = entity?.spec?.type;
  return (
    typeof type === 'string' &&
    /(?:^|[-_])(?:ml|model|machine-learning)/i.test(type)
  );
}

/** Where a code pattern matched. */
export interface CodeHit {
  source: PythonSource;
  /** 1-based. */
  line: number;
}

/**
 * The first line of each production source whose code (comments and strings
 * blanked) matches `pattern`. One hit per file keeps evidence short and the
 * scan linear.
 */
export function firstCodeHits(
  sources: readonly PythonSource[],
  pattern: RegExp,
): CodeHit[] {
  const regex = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  const hits: CodeHit[] = [];
  for (const source of sources) {
    const i = findCodeLine(source, regex);
    if (i >= 0) hits.push({ source, line: i + 1 });
  }
  return hits;
}

/** The first string literal (not a docstring) of each source whose value matches `pattern`. */
export function firstStringHits(
  sources: readonly PythonSource[],
  pattern: RegExp,
): CodeHit[] {
  const regex = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  const hits: CodeHit[] = [];
  for (const source of sources) {
    const s = source.strings.find(
      str => !str.docstring && regex.test(str.value),
    );
    if (s) hits.push({ source, line: s.line });
  }
  return hits;
}

/** Evidence for a code hit. */
export function hitEvidence(hit: CodeHit, message: string): Evidence {
  return lineEvidence(hit.source, hit.line, message);
}

/**
 * The text of a call's arguments starting at the `(` found on `line`
 * (0-based), across at most `maxLines` code lines, balanced on parentheses.
 */
export function callArguments(
  code: readonly string[],
  line: number,
  openIndex: number,
  maxLines = 20,
): string {
  let depth = 0;
  let out = '';
  for (let j = line; j < code.length && j < line + maxLines; j++) {
    const text = j === line ? code[j].slice(openIndex) : code[j];
    for (const ch of text) {
      if (ch === '(') depth++;
      else if (ch === ')') {
        depth--;
        if (depth === 0) return out;
      }
      if (depth > 0) out += ch;
    }
    out += '\n';
  }
  return out;
}

/** DVC stage definitions of a parsed `dvc.yaml`, `foreach … do` included. */
export function dvcStages(doc: unknown): Array<Record<string, unknown>> {
  const stages = (doc as any)?.stages;
  if (!stages || typeof stages !== 'object') return [];
  return Object.values(stages as Record<string, any>)
    .filter(s => s && typeof s === 'object')
    .map(s => (s.do && typeof s.do === 'object' ? s.do : s));
}

/** Output paths of a DVC stage or `.dvc` file entry list (`- path` or `- path: {cache: false}`). */
export function dvcPaths(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const paths: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') paths.push(item);
    else if (item && typeof item === 'object') {
      if (typeof (item as any).path === 'string')
        paths.push((item as any).path);
      else paths.push(...Object.keys(item));
    }
  }
  return paths;
}

/** The directory of a path (`''` at the root). */
export function dirOf(filePath: string): string {
  const i = filePath.lastIndexOf('/');
  return i < 0 ? '' : filePath.slice(0, i);
}

/** Joins a directory and a relative path, resolving `./` and `../`. */
export function joinPath(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const part of rel.replace(/\/+$/, '').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

interface PathRule {
  /** Directory of the file the rule comes from. */
  base: string;
  match: (relative: string) => boolean;
  /** `.gitignore`: only directories; `.gitattributes`: unused. */
  dirOnly: boolean;
  /** `.gitignore`: `!` re-includes; `.gitattributes`: the rule unsets the attribute. */
  negate: boolean;
}

function compilePattern(pattern: string): (relative: string) => boolean {
  const anchored = pattern.includes('/');
  const glob = pattern.replace(/^\//, '');
  return picomatch(anchored ? glob : `**/${glob}`, { dot: true });
}

function relativeTo(base: string, filePath: string): string | undefined {
  if (base === '') return filePath;
  return filePath.startsWith(`${base}/`)
    ? filePath.slice(base.length + 1)
    : undefined;
}

/**
 * Which paths Git LFS stores, from every `.gitattributes` (patterns relative
 * to the file's folder; a pattern without `/` matches at any depth; the last
 * matching line decides).
 */
export function lfsMatcher(facts: RepositoryFacts): (path: string) => boolean {
  const rules: PathRule[] = [];
  for (const f of facts.snapshot.glob('**/.gitattributes')) {
    const text = facts.snapshot.readText(f.path) ?? '';
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const [pattern, ...attrs] = line.split(/\s+/);
      const sets = attrs.includes('filter=lfs');
      const unsets = attrs.some(
        a =>
          a === '-filter' ||
          a === '!filter' ||
          (a.startsWith('filter=') && a !== 'filter=lfs'),
      );
      if (!sets && !unsets) continue;
      rules.push({
        base: dirOf(f.path),
        match: compilePattern(pattern),
        dirOnly: false,
        negate: unsets,
      });
    }
  }
  return (filePath: string) => {
    let covered = false;
    for (const rule of rules) {
      const rel = relativeTo(rule.base, filePath);
      if (rel !== undefined && rule.match(rel)) covered = !rule.negate;
    }
    return covered;
  };
}

/**
 * Which paths `.gitignore` files exclude from Git (a working-copy snapshot
 * still lists them): gitignore semantics for anchoring, `dir/` patterns,
 * negation and nested files.
 */
export function ignoreMatcher(
  facts: RepositoryFacts,
): (path: string) => boolean {
  const rules: PathRule[] = [];
  const files = facts.snapshot
    .glob('**/.gitignore')
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  for (const f of files) {
    const text = facts.snapshot.readText(f.path) ?? '';
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.replace(/\s+$/, '');
      if (!line || line.startsWith('#')) continue;
      const negate = line.startsWith('!');
      if (negate) line = line.slice(1);
      const dirOnly = line.endsWith('/');
      line = line.replace(/\/+$/, '');
      if (!line) continue;
      rules.push({
        base: dirOf(f.path),
        match: compilePattern(line),
        dirOnly,
        negate,
      });
    }
  }
  return (filePath: string) => {
    let ignored = false;
    for (const rule of rules) {
      const rel = relativeTo(rule.base, filePath);
      if (rel === undefined) continue;
      const parts = rel.split('/');
      // The file itself, then each folder above it.
      const candidates = rule.dirOnly ? [] : [rel];
      for (let i = 1; i < parts.length; i++)
        candidates.push(parts.slice(0, i).join('/'));
      if (candidates.some(c => rule.match(c))) ignored = !rule.negate;
    }
    return ignored;
  };
}

/** Catalog links and annotations that point at a model registry. */
const REGISTRY_LINK =
  /model[-_ ]?registry|registered[-_ ]?models?|\/#\/models\/|huggingface\.co\/(?!datasets\/|spaces\/)|wandb\.ai\/[^\s]{0,200}(?:registry|artifacts)|model-packages|ml\.azure\.com[^\s]{0,200}models|console\.cloud\.google\.com\/vertex-ai[^\s]{0,200}models/i;
const REGISTRY_ANNOTATION = /registered-model|model-registry|mlflow/i;

/** Registry references of a catalog entity, as evidence. */
export function registryMetadata(entity: Entity): Evidence[] {
  const evidence: Evidence[] = [];
  for (const [key, value] of Object.entries(
    entity.metadata.annotations ?? {},
  )) {
    if (REGISTRY_ANNOTATION.test(key)) {
      evidence.push({
        message: `Annotation ${key} points at the model registry`,
        path: `metadata.annotations["${key}"]`,
        snippet: String(value),
      });
    }
  }
  (entity.metadata.links ?? []).forEach((link, i) => {
    const text = `${link.url} ${link.title ?? ''} ${link.type ?? ''}`;
    if (REGISTRY_LINK.test(text)) {
      evidence.push({
        message: `Link "${
          link.title ?? link.url
        }" points at the model registry`,
        path: `metadata.links[${i}]`,
        snippet: link.url,
      });
    }
  });
  return evidence;
}

/** The entities the service `dependsOn`, among those the caller resolved. */
export function dependsOnEntities(
  entity: Entity | undefined,
  related: readonly Entity[],
): Entity[] {
  if (!entity) return [];
  const namespace = entity.metadata.namespace ?? 'default';
  const refs = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value !== 'string') return;
    try {
      const r = parseEntityRef(value, {
        defaultKind: 'component',
        defaultNamespace: namespace,
      });
      refs.add(`${r.kind}:${r.namespace}/${r.name}`.toLocaleLowerCase('en-US'));
    } catch {
      // not a ref
    }
  };
  const declared = entity.spec?.dependsOn;
  if (Array.isArray(declared)) declared.forEach(add);
  for (const rel of entity.relations ?? [])
    if (rel.type === 'dependsOn') add(rel.targetRef);
  return related.filter(e => {
    const ref = `${e.kind}:${e.metadata.namespace ?? 'default'}/${
      e.metadata.name
    }`;
    return refs.has(ref.toLocaleLowerCase('en-US'));
  });
}
