import numpy as np
# TODO: seed
print("hi")
