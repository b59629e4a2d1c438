"""Text normalisation shared by fine-tuning and serving."""
import re
import unicodedata

_URL = re.compile(r"https?://\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFKC-normalise, mask URLs and e-mail addresses, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = _URL.sub("<url>", text)
    text = _EMAIL.sub("<email>", text)
    return _WS.sub(" ", text).strip()
