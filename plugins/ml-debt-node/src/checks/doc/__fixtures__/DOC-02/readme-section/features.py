FEATURES = ["tenure", "spend"]
