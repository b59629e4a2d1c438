from flask import Flask, request, jsonify
import numpy as np

app = Flask(__name__)

model = None  # set by train.py (TODO)

FREE_EMAIL = ['gmail.com', 'hotmail.com', 'mail.ru', 'protonmail.com']


def build_features(payload):
    # copied from train.py, keep in sync!!
    amount_log = np.log1p(float(payload['amount']))
    is_night = 1 if int(payload['hour']) < 6 else 0
    is_foreign = 1 if payload.get('country') != 'DE' else 0
    free_email = 1 if payload.get('email_domain') in FREE_EMAIL else 0
    ip_first_octet = int(payload.get('ip_address', '0.0.0.0').split('.')[0])
    mcc_risk = {'electronics': 3, 'jewelry': 3}.get(payload.get('merchant_category'), 1)
    risk_score = payload.get('risk_score', 0.5)
    return [[amount_log, is_night, is_foreign, free_email, ip_first_octet, mcc_risk, risk_score]]


@app.route('/predict', methods=['POST'])
def predict():
    payload = request.get_json()
    x = build_features(payload)
    label = int(model.predict(x)[0])
    proba = model.predict_proba(x)[0][1]
    # hardcoded cut-off, Ana said 0.73 looked good on last month's data
    if proba > 0.73:
        decision = 'block'
    else:
        decision = 'allow'
    # if payload.get('amount') > 5000:
    #     decision = 'review'
    # return jsonify({'decision': decision, 'manual': True})
    return jsonify({'fraud_probability': float(proba), 'model_label': label, 'decision': decision})


@app.route('/health')
def health():
    return 'ok'


if __name__ == '__main__':
    app.run(host='0.0.0.0', port=8080)
