"""Runtime settings, read from environment variables (prefix SENTIMENT_)."""
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENTIMENT_", protected_namespaces=())

    model_name: str = "acme-ml/sentiment-distilroberta"
    model_revision: str = "v3.2.0"
    max_batch_size: int = 64
    max_length: int = 256
    seed: int = 13


settings = Settings()
