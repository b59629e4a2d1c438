vendored = True
