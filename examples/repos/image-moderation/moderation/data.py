"""Label manifest schema, dataset and loaders."""
import argparse
import io

import fsspec
import pandas as pd
import pandera as pa
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset

from moderation.transforms import to_rgb

MANIFEST_SCHEMA = pa.DataFrameSchema(
    {
        "image_id": pa.Column(str, unique=True),
        "path": pa.Column(str, pa.Check.str_matches(r"^[\w/.-]+\.(jpg|jpeg|png|webp)$")),
        "label": pa.Column(int, pa.Check.isin([0, 1])),
        "split": pa.Column(str, pa.Check.isin(["train", "valid", "test"])),
        "category": pa.Column(str, nullable=True),
    },
    checks=[pa.Check(lambda df: df["label"].mean() < 0.5, error="unsafe share must stay below 50 %")],
    strict=True,
)


def load_manifest(path: str) -> pd.DataFrame:
    manifest = pd.read_csv(path, dtype={"image_id": str, "path": str, "label": int, "split": str, "category": str})
    return MANIFEST_SCHEMA.validate(manifest)


class ListingImages(Dataset):
    def __init__(self, manifest: pd.DataFrame, image_root: str, transform):
        self.rows = manifest.reset_index(drop=True)
        self.image_root = image_root.rstrip("/")
        self.transform = transform

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, idx: int):
        row = self.rows.iloc[idx]
        with fsspec.open(f"{self.image_root}/{row['path']}", "rb") as fh:
            image = to_rgb(Image.open(io.BytesIO(fh.read())))
        return self.transform(image), torch.tensor(row["label"], dtype=torch.float32)


def make_loader(dataset: Dataset, batch_size: int, num_workers: int, seed: int, shuffle: bool) -> DataLoader:
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, num_workers=num_workers, generator=generator)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--validate", required=True, help="manifest CSV to validate")
    frame = load_manifest(parser.parse_args().validate)
    print(f"manifest ok: {len(frame)} rows, {frame['label'].mean():.3%} unsafe")
