print("no attestations")
