from transformers import AutoModelForSequenceClassification, Trainer

model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=3)
trainer = Trainer(model=model)
trainer.train()
model.push_to_hub("acme/sentiment-distilbert")
