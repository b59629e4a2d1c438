import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence, matchEvidence } from '../support';
import {
  callArguments,
  localImports,
  manifestsOfKind,
  servingPresence,
  textEvidence,
  yamlFiles,
  yamlLinesMatching,
} from './support';
import { findCodeLine } from '../../analysis/sourceText';

/** A method call on a logger: `logger.info(`, `self._log.debug(`, `logging.info(`, `log.msg(`. */
const LOG_CALL =
  /\b(\w{1,40})\.(?:info|debug|warning|warn|error|critical|exception|log|msg)\(/g;
const LOGGER_NAME = /log/i;
const LOGGER_ASSIGN =
  /^\s*(?:self\.)?(\w{1,40})\s*(?::\s*[\w.]{1,40}\s*)?=\s*(?:logging\.getLogger|structlog\.get_logger|structlog\.getLogger|get_logger|getLogger)\(/;

/** A prediction-like name: `pred`, `y_pred`, `predictions`, `score`, `model_output`, `proba`. */
const TOKEN =
  '(?:[A-Za-z0-9]{1,30}_){0,4}(?:preds?|predictions?|predicted|scores?|outputs?|probas?|probabilit(?:y|ies)|y_?hat)(?!_(?:path|dir|file|folder|uri|url|name)s?\\b)(?:_\\w{1,30})?';
/** A value that is a prediction, in code with strings blanked. */
const PREDICTION_VALUE = new RegExp(`\\b${TOKEN}\\b`, 'i');
/** `{prediction}` in an f-string, or `"prediction": …` as a structured-log key. */
const PREDICTION_IN_TEXT = new RegExp(
  `\\{[^{}\\n]{0,80}\\b${TOKEN}\\b[^{}\\n]{0,80}\\}|["']${TOKEN}["']\\s*:`,
  'i',
);

/** Producing to a stream: Kafka, Pub/Sub, Kinesis. */
const PRODUCE_CALL =
  /\.(?:send|send_and_wait|produce|publish|put_record|put_records)\(/g;
const STREAM_MODULE =
  /^(?:kafka|confluent_kafka|aiokafka|pulsar|google\.cloud\.pubsub|boto3)\b/;
/** A helper named for it: `log_prediction(`, `record_predictions(`, `publish_scores(`. */
const PREDICTION_HELPER =
  /\b\w{0,20}(?:log|record|capture|publish|emit|store|persist)_\w{0,20}(?:pred|prediction|score|output)\w{0,20}\(/i;

/** SageMaker data capture, Vertex AI request-response logging, Azure ML data collection. */
const CAPTURE_CODE =
  /\bDataCaptureConfig\(|\bdata_capture_config\s*=|\benable_request_response_logging\s*=\s*True\b|\brequest_response_logging_sampling_rate\s*=|\bCollector\(/;
const CAPTURE_DISABLED =
  /\benable_capture\s*=\s*False\b|\benable_request_response_logging\s*=\s*False\b/;
const CAPTURE_YAML =
  /^\s*-?\s*(?:DataCaptureConfig|data_capture_config|requestResponseLoggingConfig|request_response_logging\w*|data_collector)\s*:/;
const CAPTURE_TF = /^\s*data_capture_config\s*\{/;

/** The serving modules and the project modules they import (one hop). */
function servingCode(facts: RepositoryFacts): PythonSource[] {
  const all = new Map(facts.servingModules.map(s => [s.path, s]));
  for (const s of facts.servingModules)
    for (const imp of localImports(facts, s)) all.set(imp.path, imp);
  return [...all.values()];
}

/** Logging calls and stream producers in `source` that carry a prediction. */
function predictionLogLines(source: PythonSource): Evidence[] {
  const evidence: Evidence[] = [];
  const streams = source.imports.some(imp => STREAM_MODULE.test(imp.module));
  // Loggers with names that do not say so: `audit = logging.getLogger("audit")`.
  const loggers = new Set<string>();
  for (const line of source.code) {
    const m = LOGGER_ASSIGN.exec(line);
    if (m) loggers.add(m[1]);
  }
  source.code.forEach((line, i) => {
    for (const re of streams ? [LOG_CALL, PRODUCE_CALL] : [LOG_CALL]) {
      re.lastIndex = 0;
      for (const m of line.matchAll(re)) {
        if (re === LOG_CALL && !LOGGER_NAME.test(m[1]) && !loggers.has(m[1]))
          continue;
        const args = callArguments(source, i, m.index! + m[0].length - 1);
        if (
          PREDICTION_VALUE.test(args.code) ||
          PREDICTION_IN_TEXT.test(args.raw)
        ) {
          evidence.push(
            lineEvidence(
              source,
              i + 1,
              re === LOG_CALL
                ? 'Prediction logged from serving code'
                : 'Predictions produced to a stream',
            ),
          );
          return;
        }
      }
    }
    if (PREDICTION_HELPER.test(line) && !/^\s*def\s/.test(line)) {
      evidence.push(
        lineEvidence(source, i + 1, 'Prediction-logging helper called'),
      );
    }
  });
  return evidence;
}

/** Platform-side logging: KServe/Seldon loggers, data capture, request-response logging. */
function platformLogging(facts: RepositoryFacts): Evidence[] {
  const evidence: Evidence[] = [];
  const servers = new Set(
    manifestsOfKind(facts, /^(?:InferenceService|SeldonDeployment)$/).map(
      k => k.path,
    ),
  );
  if (servers.size > 0) {
    for (const hit of yamlLinesMatching(facts, /^\s*logger\s*:/, /logger/)) {
      if (servers.has(hit.path))
        evidence.push(
          textEvidence(hit, 'Model-server request/response logger'),
        );
    }
  }
  for (const file of yamlFiles(facts)) {
    if (/EnableCapture\s*:\s*false/i.test(file.text)) continue;
    const idx = file.lines.findIndex(
      l => !/^\s*#/.test(l) && CAPTURE_YAML.test(l),
    );
    if (idx >= 0)
      evidence.push(
        textEvidence(
          { path: file.path, line: idx + 1, text: file.lines[idx] },
          'Endpoint data capture / request-response logging',
        ),
      );
  }
  for (const m of facts.snapshot.search(CAPTURE_TF, '**/*.tf')) {
    evidence.push(matchEvidence(m, 'SageMaker endpoint data capture'));
  }
  for (const source of facts.productionSources) {
    if (source.kind !== 'python') continue;
    const i = findCodeLine(source, CAPTURE_CODE);
    if (i < 0) continue;
    if (
      /\bCollector\(/.test(source.code[i]) &&
      !source.imports.some(imp =>
        imp.module.startsWith('azureml.ai.monitoring'),
      )
    )
      continue;
    const open = source.code[i].indexOf(
      '(',
      CAPTURE_CODE.exec(source.code[i])!.index,
    );
    const args = open >= 0 ? callArguments(source, i, open).code : '';
    if (CAPTURE_DISABLED.test(args) || CAPTURE_DISABLED.test(source.code[i]))
      continue;
    evidence.push(
      lineEvidence(
        source,
        i + 1,
        'Endpoint data capture / request-response logging',
      ),
    );
  }
  return evidence;
}

/**
 * MON-03 — No prediction logging. Serving code must log the prediction itself
 * (a value, an f-string interpolation or a structured-log key — not just a
 * message that mentions predictions), or the platform must capture requests
 * and responses (KServe/Seldon logger, SageMaker data capture, Vertex AI
 * request-response logging, Azure ML data collection), or predictions must be
 * produced to a stream.
 */
export const MON_03: MlDebtCheck = {
  id: 'MON-03',
  title: 'Predictions are not logged',
  category: 'monitoring',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['monitor.3', 'monitor.7'],
  debtType: 'Prediction bias; feedback loops',
  appliesToExperimental: false,
  rationale:
    'Without a record of what the model was asked and what it answered, training/serving skew cannot be measured and prediction quality cannot be checked once labels arrive. Breck et al. call the skew test (Monitor 3) "perhaps the most important and least implemented"; both it and Monitor 7 start from logged serving examples. Sculley et al. (§7) recommend watching prediction bias, which needs the same log.',
  references: [
    'Breck et al. 2017, The ML Test Score, Monitor 3, Monitor 7',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §7 (prediction bias)',
    'KServe inference logger; Seldon request logging; SageMaker DataCaptureConfig; Vertex AI request-response logging',
  ],
  remediation: [
    'Log every prediction (or a fixed sample of them) with the request ID, model version, input features and output, using sampling, hashing or field allow-lists where personal data is involved.',
    "Send the log to durable storage (a topic, a table or the model server's logger) rather than only to the container's stdout.",
    'Join the logged predictions with delayed labels in a scheduled job to measure prediction quality and training/serving skew.',
  ],
  evaluate({ facts }) {
    const presence = servingPresence(facts);
    if (!presence.serving) {
      return {
        status: 'not-applicable',
        summary:
          'No serving code or deployment manifest found; prediction logging applies to online serving.',
      };
    }
    const evidence = [
      ...servingCode(facts).flatMap(predictionLogLines),
      ...platformLogging(facts),
    ];
    if (evidence.length > 0) {
      return {
        status: 'pass',
        summary: `Predictions are logged (${evidence[0].path}${
          evidence[0].line ? `:${evidence[0].line}` : ''
        }).`,
        evidence: firstN(evidence, 10),
        automation: 'manual',
      };
    }
    return {
      status: 'fail',
      summary: `The service serves predictions (${presence.evidence}) but never logs them: no logging call carries a prediction, and no request/response logger or data capture is configured.`,
    };
  },
};
