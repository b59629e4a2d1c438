"""Fine-tune DistilRoBERTa on customer reviews and push a new hub revision."""
import argparse

import mlflow
import yaml
from datasets import load_dataset
from pydantic import BaseModel
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
    set_seed,
)

from app.preprocess import normalise_text


class FinetuneConfig(BaseModel):
    base_model: str
    dataset: str
    dataset_revision: str
    output_repo: str
    learning_rate: float
    weight_decay: float
    warmup_steps: int
    epochs: int
    train_batch_size: int
    eval_batch_size: int
    max_length: int
    seed: int


def finetune(cfg: FinetuneConfig, release_tag: str) -> None:
    set_seed(cfg.seed)
    tokenizer = AutoTokenizer.from_pretrained(cfg.base_model)
    ds = load_dataset(cfg.dataset, revision=cfg.dataset_revision)

    def encode(batch):
        texts = [normalise_text(t) for t in batch["text"]]
        return tokenizer(texts, truncation=True, max_length=cfg.max_length)

    ds = ds.map(encode, batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(cfg.base_model, num_labels=3)
    args = TrainingArguments(
        output_dir="outputs",
        learning_rate=cfg.learning_rate,
        weight_decay=cfg.weight_decay,
        warmup_steps=cfg.warmup_steps,
        num_train_epochs=cfg.epochs,
        per_device_train_batch_size=cfg.train_batch_size,
        per_device_eval_batch_size=cfg.eval_batch_size,
        eval_strategy="epoch",
        seed=cfg.seed,
        report_to=["mlflow"],
    )
    mlflow.set_experiment("sentiment-finetune")
    with mlflow.start_run(run_name=release_tag):
        mlflow.log_params(cfg.model_dump())
        trainer = Trainer(
            model=model,
            args=args,
            train_dataset=ds["train"],
            eval_dataset=ds["validation"],
            data_collator=DataCollatorWithPadding(tokenizer),
        )
        trainer.train()
        mlflow.log_metrics(trainer.evaluate())
        model.push_to_hub(cfg.output_repo, revision=release_tag)
        tokenizer.push_to_hub(cfg.output_repo, revision=release_tag)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/finetune.yaml")
    parser.add_argument("--release-tag", required=True)
    cli = parser.parse_args()
    with open(cli.config) as fh:
        finetune(FinetuneConfig(**yaml.safe_load(fh)), cli.release_tag)
