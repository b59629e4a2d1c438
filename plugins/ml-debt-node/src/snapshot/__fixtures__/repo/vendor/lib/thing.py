# TODO: vendored
