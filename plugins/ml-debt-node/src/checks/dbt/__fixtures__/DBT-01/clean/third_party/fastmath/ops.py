# TODO: upstream hack we never touch
def add(a, b):
    return a + b
