import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

from churn.utils import fix_seeds

SEED = 13


def main():
    fix_seeds(SEED)
    X = np.random.rand(500, 4)
    y = (X[:, 0] > 0.5).astype(int)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, random_state=SEED
    )
    model = RandomForestClassifier(n_estimators=200, random_state=SEED)
    model.fit(X_train, y_train)
    return model
