import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import { blocks } from './support';

/** `proba > 0.5`, `if score >= .8`: a model output compared with a literal. */
const OUTPUT_VS_LITERAL =
  /\b(?:prob|proba|probability|score|pred\w*|confidence|logit|output)s?\b[^\n]{0,40}?[<>]=?\s*(0?\.\d+)(?![\d.eE])/i;
/** `0.5 < proba`: the same comparison written the other way round. */
const LITERAL_VS_OUTPUT =
  /(?<![\w.])(0?\.\d+)\s*[<>]=?[^\n]{0,40}?\b(?:prob|proba|probability|score|pred\w*|confidence|logit|output)s?\b/i;
/** `THRESHOLD = 0.7`, `fraud_threshold: float = .5`. */
const THRESHOLD_LITERAL =
  /\b(\w*thresh(?:old)?\w*)\s*(?::\s*[\w.[\]]+\s*)?=(?!=)\s*(0?\.\d+)(?![\d.eE])/i;
/** A threshold read from configuration or model metadata (the pass case of the card). */
const THRESHOLD_FROM_CONFIG =
  /\b\w*thresh(?:old)?\w*\s*(?::\s*[\w.[\]]+\s*)?=(?!=)\s*(?:float\()?\s*(?:self\.)?(?:cfg|conf|config|params|settings|model_meta\w*|metadata|meta|os\.environ|os\.getenv|env)\b/i;

/** Clipping and numerical tolerances, not decisions. */
const NUMERIC_GUARD =
  /\b(?:clip|clamp|eps|epsilon|tol|tolerance|isclose|allclose|nan_to_num)\b/i;
/** Image-processing thresholds (masks, IoU, NMS, boxes). */
const IMAGE_THRESHOLD =
  /\b\w*(?:pixel|iou|nms|bbox|boxes|contour)\w*\b|\bcv2\./i;
/** Masks are image thresholds only in image-processing code. */
const IMAGE_LIBRARIES =
  /^(?:cv2|PIL|skimage|torchvision|albumentations|imageio)$/;

/** Serving code plus `postprocess*` files: where a decision is made on a prediction. */
function decisionModules(
  serving: PythonSource[],
  production: PythonSource[],
): PythonSource[] {
  const byPath = new Map(serving.map(s => [s.path, s]));
  for (const s of production) {
    if (s.kind === 'python' && /(?:^|\/)post_?process[^/]*\.py$/i.test(s.path))
      byPath.set(s.path, s);
  }
  return [...byPath.values()];
}

/** Ranges of settings classes (pydantic BaseSettings, dataclass configs): their defaults are configuration. */
function settingsRanges(source: PythonSource): Array<[number, number]> {
  return blocks(source)
    .filter(
      b =>
        b.kind === 'class' &&
        (/\b(?:BaseSettings|BaseModel)\b/.test(b.header) ||
          /(?:Settings|Config|Conf)$/.test(b.name)),
    )
    .map(b => [b.line, b.endLine]);
}

/**
 * CFG-03 — Fixed decision thresholds in serving code (Sculley §7): a
 * literal cut-off compared with a model output, or a threshold constant, in
 * serving and post-processing modules. Clipping/epsilons, image-processing
 * thresholds, assertions and settings-class defaults are not counted.
 */
export const CFG_03: MlDebtCheck = {
  id: 'CFG-03',
  title: 'Fixed decision thresholds hard-coded in serving code',
  category: 'configuration',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['monitor.7', 'model.6'],
  debtType: 'Fixed thresholds in dynamic systems',
  appliesToExperimental: true,
  rationale:
    'A decision threshold chosen by hand once goes stale every time the model is retrained or the input distribution moves: Sculley et al. (2015, §7) name "fixed thresholds in dynamic systems" as a debt of ML systems and recommend learning thresholds on held-out data. A threshold that lives with the model version can be re-learned, monitored (ML Test Score Monitor 7) and compared per slice (Model 6).',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §7 Fixed thresholds in dynamic systems',
    'Breck et al. 2017, The ML Test Score, Monitor 7 and Model 6',
  ],
  remediation: [
    'Learn the decision threshold on held-out data for each model version instead of choosing it by hand.',
    'Store the threshold with the registered model (its metadata or a config file versioned with it) and read it at serving time.',
    'Monitor the action rate (the share of predictions above the threshold) and alert when it leaves its expected limits.',
  ],
  evaluate({ facts }) {
    const modules = decisionModules(
      facts.servingModules,
      facts.productionSources,
    );
    if (modules.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No serving or post-processing code found.',
      };
    }
    const hardCoded: Evidence[] = [];
    const configured: Evidence[] = [];
    for (const source of modules) {
      const ranges = settingsRanges(source);
      const imageCode = [...source.importedModules].some(m =>
        IMAGE_LIBRARIES.test(m),
      );
      source.code.forEach((code, i) => {
        const line = i + 1;
        if (!code.trim() || /^\s*assert\b/.test(code)) return;
        if (THRESHOLD_FROM_CONFIG.test(code)) {
          configured.push(
            lineEvidence(
              source,
              line,
              'Threshold read from configuration or model metadata',
            ),
          );
          return;
        }
        if (NUMERIC_GUARD.test(code) || IMAGE_THRESHOLD.test(code)) return;
        if (imageCode && /mask/i.test(code)) return;
        if (ranges.some(([from, to]) => line > from && line <= to)) return;
        const constant = THRESHOLD_LITERAL.exec(code);
        const comparison =
          OUTPUT_VS_LITERAL.exec(code) ?? LITERAL_VS_OUTPUT.exec(code);
        const match = constant ?? comparison;
        if (!match) return;
        const value = Number(constant ? constant[2] : match[1]);
        // 0 is a range check, tiny values are tolerances, not decisions.
        if (!(value >= 0.01)) return;
        hardCoded.push(
          lineEvidence(
            source,
            line,
            constant
              ? `Decision threshold ${constant[1]} is fixed at ${constant[2]}`
              : `Model output compared with the fixed cut-off ${match[1]}`,
          ),
        );
      });
    }
    if (hardCoded.length === 0) {
      return {
        status: 'pass',
        summary:
          configured.length > 0
            ? 'Decision thresholds in serving code come from configuration or model metadata.'
            : `No fixed decision thresholds in ${
                modules.length
              } serving module${modules.length === 1 ? '' : 's'}.`,
        evidence: firstN(configured, 5),
      };
    }
    return {
      status: configured.length > 0 ? 'warn' : 'fail',
      score: configured.length > 0 ? 50 : 0,
      summary: `${hardCoded.length} fixed decision threshold${
        hardCoded.length === 1 ? '' : 's'
      } in serving code${
        configured.length > 0
          ? ', next to thresholds read from configuration'
          : ''
      }.`,
      evidence: [...firstN(hardCoded), ...firstN(configured, 3)],
    };
  },
};
