from fastapi import FastAPI
from sklearn.linear_model import LogisticRegression

app = FastAPI()
model = LogisticRegression()
