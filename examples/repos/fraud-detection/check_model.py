# ad-hoc sanity check Tomas runs before a demo
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv('data/sample_transactions.csv')
X = df[['amount', 'hour']]
y = df['is_fraud']

clf = RandomForestClassifier()
clf.fit(X, y)
print(clf.score(X, y))

if False:
    # XXX old threshold search, disabled
    for t in [0.5, 0.6, 0.7, 0.73, 0.8]:
        print(t, (clf.predict_proba(X)[:, 1] > t).mean())
