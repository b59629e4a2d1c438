import subprocess
import sys
from pathlib import Path


def test_training_runs_end_to_end_on_sample_data(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "churn.train"],
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0
    assert (tmp_path / "models" / "churn.joblib").exists()
