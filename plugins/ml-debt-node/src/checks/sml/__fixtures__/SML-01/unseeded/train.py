import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split


def main():
    # np.random.seed(0) was removed "temporarily"
    X = np.random.rand(500, 4)
    y = (X[:, 0] > 0.5).astype(int)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
    model = RandomForestClassifier(n_estimators=200)
    model.fit(X_train, y_train)
    print(model.score(X_test, y_test))


if __name__ == "__main__":
    main()
