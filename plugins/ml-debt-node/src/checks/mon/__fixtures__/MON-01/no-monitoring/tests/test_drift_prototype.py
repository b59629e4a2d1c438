from evidently.report import Report


def test_report_builds():
    assert Report(metrics=[]) is not None
