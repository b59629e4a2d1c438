import pandas as pd
import pandera as pa
import pytest

from moderation.data import MANIFEST_SCHEMA, load_manifest


def _manifest(**overrides):
    frame = pd.DataFrame(
        {
            "image_id": ["a", "b", "c"],
            "path": ["s1/a.jpg", "s1/b.png", "s2/c.webp"],
            "label": [0, 1, 0],
            "split": ["train", "valid", "test"],
            "category": ["fashion", None, "toys"],
        }
    )
    return frame.assign(**overrides)


def test_valid_manifest_passes():
    MANIFEST_SCHEMA.validate(_manifest())


@pytest.mark.parametrize(
    "overrides",
    [{"label": [0, 2, 0]}, {"split": ["train", "holdout", "test"]}, {"path": ["a.gif", "b.png", "c.jpg"]}],
)
def test_invalid_values_are_rejected(overrides):
    with pytest.raises(pa.errors.SchemaError):
        MANIFEST_SCHEMA.validate(_manifest(**overrides))


def test_duplicate_ids_are_rejected():
    with pytest.raises(pa.errors.SchemaError):
        MANIFEST_SCHEMA.validate(_manifest(image_id=["a", "a", "c"]))


def test_load_manifest_reads_and_validates(tmp_path):
    path = tmp_path / "labels.csv"
    _manifest().to_csv(path, index=False)
    assert len(load_manifest(str(path))) == 3
