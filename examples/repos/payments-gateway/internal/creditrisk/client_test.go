package creditrisk

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestDecideReturnsServiceDecision(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"decision":"approve"}`))
	}))
	defer srv.Close()
	if got := NewClient(srv.URL, time.Second).Decide(context.Background(), Application{}); got != "approve" {
		t.Fatalf("got %q, want approve", got)
	}
}

func TestDecideFailsClosedOnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	if got := NewClient(srv.URL, time.Second).Decide(context.Background(), Application{}); got != "review" {
		t.Fatalf("got %q, want review", got)
	}
}
