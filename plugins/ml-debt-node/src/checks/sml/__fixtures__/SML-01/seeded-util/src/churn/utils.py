import random

import numpy as np


def fix_seeds(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
