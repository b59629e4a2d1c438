import fs from 'node:fs';
import path from 'node:path';

/**
 * Generates synthetic ML service repositories of realistic size and shape for
 * the engine benchmark: Python packages with ML imports, tests, notebooks with
 * outputs, YAML configs, CI workflows, Kubernetes manifests, dependency
 * manifests, docs, small CSVs and binary model/data files. Each repository
 * gets a different mix of practices, so the checks take different paths.
 */

/** A tiny deterministic PRNG (mulberry32), so every run scans the same files. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LIBS = [
  'import numpy as np',
  'import pandas as pd',
  'from sklearn.ensemble import RandomForestClassifier',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.preprocessing import StandardScaler',
  'import torch',
  'import mlflow',
  'import joblib',
  'from fastapi import FastAPI',
  'import yaml',
];

function pythonModule(
  rand: () => number,
  index: number,
  lines: number,
): string {
  const out: string[] = [`"""Module ${index}: feature and model helpers."""`];
  const imports = LIBS.filter(() => rand() < 0.35);
  out.push(...(imports.length ? imports : [LIBS[0]]), '');
  let fn = 0;
  while (out.length < lines) {
    fn++;
    out.push(`def transform_${index}_${fn}(df, threshold=0.5):`);
    out.push(`    """Transform step ${fn}."""`);
    if (rand() < 0.2) out.push('    # TODO: handle missing values properly');
    if (rand() < 0.15) out.push(`    lr = 0.0${1 + Math.floor(rand() * 9)}`);
    if (rand() < 0.1)
      out.push("    df = pd.read_csv('/home/analyst/data/raw.csv')");
    if (rand() < 0.2) out.push('    df["score"] = df["amount"] * 2.5');
    out.push('    result = []');
    out.push('    for column in df.columns:');
    out.push('        values = df[column].fillna(0)');
    out.push('        result.append(values.mean())');
    if (rand() < 0.1)
      out.push(
        '    model = RandomForestClassifier(n_estimators=200, max_depth=8)',
      );
    if (rand() < 0.05) out.push('    model.fit(df, df["label"])');
    out.push('    return result', '');
  }
  if (rand() < 0.3)
    out.push(
      '',
      "if __name__ == '__main__':",
      `    transform_${index}_1(pd.DataFrame())`,
    );
  return `${out.join('\n')}\n`;
}

function notebook(rand: () => number, cells: number): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } },
    cells: Array.from({ length: cells }, (_, i) =>
      rand() < 0.3
        ? {
            cell_type: 'markdown',
            metadata: {},
            source: [`## Step ${i}\n`, 'Exploration notes.\n'],
          }
        : {
            cell_type: 'code',
            metadata: {},
            execution_count: rand() < 0.2 ? cells - i : i + 1,
            source: [
              'import pandas as pd\n',
              `df = pd.read_csv("data/sample_${i}.csv")\n`,
              'df.describe()\n',
            ],
            outputs:
              rand() < 0.5
                ? [
                    {
                      output_type: 'stream',
                      name: 'stdout',
                      text: ['count 100\n'.repeat(20)],
                    },
                  ]
                : [],
          },
    ),
  };
  return JSON.stringify(nb, null, 1);
}

const WORKFLOW = `name: ci
on:
  push:
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - run: pytest -q
`;

function repository(dir: string, seed: number, targetFiles: number): number {
  const rand = prng(seed);
  const files = new Map<string, string | Buffer>();
  const pkg = `svc${seed}`;
  const mature = rand() < 0.5;
  files.set('README.md', `# Service ${seed}\n\nA synthetic ML service.\n`);
  files.set(
    'requirements.txt',
    [
      'pandas==2.2.2',
      mature ? 'scikit-learn==1.5.0' : 'scikit-learn',
      'numpy',
      'mlflow>=2',
      'fastapi==0.111.0',
      'pytest',
    ]
      .join('\n')
      .concat('\n'),
  );
  files.set(
    'pyproject.toml',
    `[project]\nname = "${pkg}"\nversion = "0.1.0"\ndependencies = ["pandas==2.2.2"]\n\n[tool.black]\nline-length = 100\n`,
  );
  files.set(
    'Dockerfile',
    `FROM python:3.11${
      mature ? '.9-slim' : ''
    }\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n`,
  );
  if (mature) {
    files.set('.github/workflows/ci.yml', WORKFLOW);
    files.set(
      'dvc.yaml',
      'stages:\n  train:\n    cmd: python -m src.train\n    outs:\n      - models/model.pkl\n',
    );
    files.set(
      '.dvc/config',
      '[core]\n    remote = storage\n[\'remote "storage"\']\n    url = s3://bucket/dvc\n',
    );
    files.set(
      'MODEL_CARD.md',
      '# Model card\n\n## Intended use\n\n## Metrics\n\n## Ethical considerations\n',
    );
  }
  files.set(
    'k8s/deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc\nspec:\n  replicas: 2\n',
  );
  files.set(
    'configs/train.yaml',
    'learning_rate: 0.05\nn_estimators: 300\nseed: 42\n',
  );
  for (let i = 0; i < 8; i++)
    files.set(
      `docs/page_${i}.md`,
      `# Page ${i}\n\n${'Some documentation text.\n'.repeat(30)}`,
    );
  for (let i = 0; i < 6; i++)
    files.set(
      `data/sample_${i}.csv`,
      `id,amount,label\n${Array.from(
        { length: 60 },
        (_, r) => `${r},${(r * 3.7).toFixed(2)},${r % 2}`,
      ).join('\n')}\n`,
    );
  // Binary artefacts: the snapshot lists them with their size and never reads them as text.
  files.set(
    'models/model.pkl',
    Buffer.concat([Buffer.from([0x80, 0x04, 0x00]), Buffer.alloc(20_000, 7)]),
  );
  files.set(
    'data/features.parquet',
    Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(40_000, 0)]),
  );
  for (let i = 0; i < 5; i++)
    files.set(`notebooks/explore_${i}.ipynb`, notebook(rand, 12));
  files.set('src/__init__.py', '');
  files.set(
    'src/serve.py',
    'from fastapi import FastAPI\nimport joblib\n\napp = FastAPI()\nmodel = joblib.load("models/model.pkl")\n\n@app.post("/predict")\ndef predict(payload: dict):\n    score = model.predict_proba([payload["features"]])[0][1]\n    return {"fraud": score > 0.7}\n',
  );
  files.set('src/train.py', pythonModule(rand, 0, 120));
  let i = 1;
  while (files.size < targetFiles - 12) {
    files.set(
      `src/${pkg}/module_${i}.py`,
      pythonModule(rand, i, 40 + Math.floor(rand() * 160)),
    );
    i++;
  }
  for (let t = 0; files.size < targetFiles; t++) {
    files.set(
      `tests/test_module_${t}.py`,
      `from src.${pkg}.module_${t + 1} import transform_${
        t + 1
      }_1\n\n\ndef test_transform():\n    assert transform_${
        t + 1
      }_1 is not None\n`,
    );
  }
  let bytes = 0;
  for (const [rel, content] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    bytes +=
      typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  return bytes;
}

/** Generates `count` repositories under `root` (once; reused when complete). */
export function ensureSyntheticRepos(
  root: string,
  count: number,
  filesPerRepo = 150,
) {
  const marker = path.join(root, `.complete-${count}-${filesPerRepo}`);
  const dirs = Array.from({ length: count }, (_, i) =>
    path.join(root, `repo-${String(i).padStart(4, '0')}`),
  );
  if (fs.existsSync(marker)) {
    return { dirs, generated: false };
  }
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  dirs.forEach((dir, i) => repository(dir, i + 1, filesPerRepo));
  fs.writeFileSync(marker, new Date().toISOString());
  return { dirs, generated: true };
}
