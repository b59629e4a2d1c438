from sklearn.tree import DecisionTreeClassifier


def test_tree_learns_xor():
    clf = DecisionTreeClassifier().fit([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 0, 1, 1])
    assert clf.predict([[1, 0]])[0] == 1
