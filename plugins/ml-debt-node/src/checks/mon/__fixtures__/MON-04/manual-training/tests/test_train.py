from train import main


def test_main_is_callable():
    assert callable(main)
