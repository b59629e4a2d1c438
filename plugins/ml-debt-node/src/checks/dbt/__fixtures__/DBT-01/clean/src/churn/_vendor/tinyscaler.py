# Vendored from an upstream project; its authors' TODOs are not ours.
def scale(values):
    # TODO: handle empty input
    # FIXME: this is slow for large lists
    lo, hi = min(values), max(values)
    return [(v - lo) / (hi - lo) for v in values]
