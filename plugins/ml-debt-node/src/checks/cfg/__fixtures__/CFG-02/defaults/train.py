from sklearn.ensemble import RandomForestClassifier
from sklearn.svm import SVC


def fit(X, y):
    forest = RandomForestClassifier()
    forest.fit(X, y)
    svm = SVC(
        probability=True,
    )
    svm.fit(X, y)
    return forest, svm
