import pandas as pd
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import accuracy_score, f1_score

# quick fix for now: data team moved the export, still reading the old dump
df = pd.read_csv('old_path/transactions.csv')
# chargeback labels only exist on Tomas' box, TODO move to the warehouse
labels = pd.read_csv('/home/tomas/data/chargebacks_2023.csv')
# HACK: merchant risk list is dumped to s3 by hand every month
merchants = pd.read_parquet('s3://acme-fraud-dumps/merchant_risk/latest.parquet')

df = df.merge(labels, on='transaction_id')
df = df.merge(merchants)


def build_features(df):
    df['amount_log'] = np.log1p(df['amount'])
    df['is_night'] = (df['hour'] < 6).astype(int)
    df['is_foreign'] = (df['country'] != 'DE').astype(int)
    df['free_email'] = df['email_domain'].isin(['gmail.com', 'hotmail.com', 'mail.ru', 'protonmail.com']).astype(int)
    df['ip_first_octet'] = df['ip_address'].str.split('.').str[0].astype(int)
    df['mcc_risk'] = df['merchant_category'].map({'electronics': 3, 'jewelry': 3, 'gift_cards': 4}).fillna(1)
    return df


df = build_features(df)
df.fillna(0)
# FIXME negative amounts are refunds, they should not be here at all
df[df.amount < 0]['amount_log'] = 0

for i, row in df.iterrows():
    if row['risk_score'] == np.nan:
        df.loc[i, 'risk_score'] = 0.5

FEATURES = ['amount_log', 'is_night', 'is_foreign', 'free_email', 'ip_first_octet', 'mcc_risk', 'risk_score']

X = df[FEATURES].values
y = df['is_fraud'].values

scaler = StandardScaler()
X = scaler.fit_transform(X)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)

# clf = GradientBoostingClassifier(n_estimators=300)
# clf.fit(X_train, y_train)
# print('gbm acc', accuracy_score(y_test, clf.predict(X_test)))
clf = RandomForestClassifier()
clf.fit(X_train, y_train)

preds = clf.predict(X_test)
print('accuracy', accuracy_score(y_test, preds))
print('f1', f1_score(y_test, preds))
# TODO: save the model somewhere, serve.py needs it
