import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { MON_03 } from './MON-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/MON-03', name);

const HEADER =
  'import logging\nimport joblib\nfrom fastapi import FastAPI\n\nlogger = logging.getLogger(__name__)\napp = FastAPI()\nmodel = joblib.load("m.joblib")\n\n';

describe('MON-03 no prediction logging', () => {
  it('passes when serving code logs the prediction as a structured field', async () => {
    const result = await evaluateFixture(MON_03, fixture('logs-predictions'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: 'serving/app.py',
      line: 19,
      snippet: 'logger.info(',
    });
  });

  it('passes for a KServe InferenceService logger', async () => {
    const result = await evaluateFixture(MON_03, fixture('kserve-logger'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'deploy/inferenceservice.yaml',
      line: 9,
      snippet: 'logger:',
    });
  });

  it('fails when log messages only mention predictions and the value is printed', async () => {
    const result = await evaluateFixture(
      MON_03,
      fixture('no-prediction-logging'),
    );
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toContain('app/main.py');
  });

  it('is not applicable without serving code or deployment manifests', async () => {
    const result = await evaluateFixture(MON_03, fixture('batch-only'));
    expect(result.status).toBe('not-applicable');
  });

  it('accepts sampled logging (guard: PII and volume limits)', async () => {
    const result = await evaluateFiles(MON_03, {
      'serve.py': `${HEADER}import random\nSAMPLE_RATE = 0.01\n\n@app.post("/predict")\ndef predict(x: dict) -> dict:\n    y_pred = float(model.predict([list(x.values())])[0])\n    if random.random() < SAMPLE_RATE:\n        logger.info("sampled %s", y_pred)\n    return {"y": y_pred}\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'serve.py', line: 16 });
  });

  it('accepts hashed-feature logging with an f-string prediction (guard)', async () => {
    const result = await evaluateFiles(MON_03, {
      'serve.py': `${HEADER}import hashlib\n\n@app.post("/predict")\ndef predict(x: dict) -> dict:\n    key = hashlib.sha256(repr(sorted(x.items())).encode()).hexdigest()\n    result = model.predict([list(x.values())])[0]\n    logger.info(f"features={key} score={result.score:.4f}")\n    return {"y": result}\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].line).toBe(15);
  });

  it('follows serving code into the project module that logs predictions (one import hop)', async () => {
    const result = await evaluateFiles(MON_03, {
      'svc/__init__.py': '',
      'svc/app.py': `${HEADER}from svc.audit import record\n\n@app.post("/predict")\ndef predict(x: dict) -> dict:\n    out = model.predict([list(x.values())])[0]\n    record(x, out)\n    return {"y": out}\n`,
      'svc/audit.py':
        'import logging\n\naudit = logging.getLogger("audit")\n\n\ndef record(features, prediction):\n    audit.info("%s -> %s", features, prediction)\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'svc/audit.py', line: 7 });
  });

  it('passes for SageMaker data capture, but not when capture is disabled', async () => {
    const on = await evaluateFiles(MON_03, {
      'deploy.py':
        'import sagemaker\nfrom sagemaker.model_monitor import DataCaptureConfig\n\ncapture = DataCaptureConfig(enable_capture=True, sampling_percentage=10, destination_s3_uri="s3://b/capture")\n',
      'inference.py':
        'import joblib\n\ndef model_fn(d):\n    return joblib.load(d)\n',
    });
    expect(on.status).toBe('pass');
    expect(on.evidence[0]).toMatchObject({ path: 'deploy.py', line: 4 });

    const off = await evaluateFiles(MON_03, {
      'deploy.py':
        'import sagemaker\nfrom sagemaker.model_monitor import DataCaptureConfig\n\ncapture = DataCaptureConfig(enable_capture=False)\n',
      'inference.py':
        'import joblib\n\ndef model_fn(d):\n    return joblib.load(d)\n',
    });
    expect(off.status).toBe('fail');
  });

  it('does not count logging an output path as logging a prediction', async () => {
    const result = await evaluateFiles(MON_03, {
      'serve.py': `${HEADER}output_path = "/tmp/out"\nlogger.info("writing to %s", output_path)\n`,
    });
    expect(result.status).toBe('fail');
  });

  it('passes when predictions are produced to Kafka', async () => {
    const result = await evaluateFiles(MON_03, {
      'serve.py': `${HEADER}from kafka import KafkaProducer\n\nproducer = KafkaProducer(bootstrap_servers="kafka:9092")\n\n@app.post("/predict")\ndef predict(x: dict) -> dict:\n    prediction = float(model.predict([list(x.values())])[0])\n    producer.send("predictions", {"prediction": prediction})\n    return {"y": prediction}\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'serve.py', line: 16 });
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(
      MON_03,
      fixture('no-prediction-logging'),
      { entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }) },
    );
    expect(result.status).toBe('not-applicable');
  });
});
