from serving import app as serving_app


def test_recommendations_are_returned_for_known_items(client):
    response = client.post("/recommendations", json={"user_id": "u-1", "recent_item_ids": ["i-1"]})
    assert response.status_code == 200
    assert [item["item_id"] for item in response.json()["items"]] == ["i-2", "i-3"]


def test_unknown_items_give_empty_list(client):
    response = client.post("/recommendations", json={"user_id": "u-1", "recent_item_ids": ["nope"]})
    assert response.json() == {"items": []}


def test_k_is_bounded(client):
    response = client.post("/recommendations", json={"user_id": "u-1", "k": 500})
    assert response.status_code == 422


def test_returns_503_without_model(client, monkeypatch):
    monkeypatch.setitem(serving_app.state, "model", None)
    response = client.post("/recommendations", json={"user_id": "u-1", "recent_item_ids": ["i-1"]})
    assert response.status_code == 503


def test_metrics_endpoint_is_exposed(client):
    assert client.get("/metrics/").status_code == 200
