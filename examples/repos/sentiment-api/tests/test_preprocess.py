from app.preprocess import normalise_text


def test_urls_and_emails_are_masked():
    text = "Mail me at jane.doe@example.com or see https://acme.example/p/1"
    assert normalise_text(text) == "Mail me at <email> or see <url>"


def test_whitespace_is_collapsed():
    assert normalise_text("  great\n\n product \t!  ") == "great product !"


def test_fullwidth_characters_are_normalised():
    assert normalise_text("ＧＯＯＤ") == "GOOD"
