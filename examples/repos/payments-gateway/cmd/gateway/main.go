package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/acme-ml/payments-gateway/internal/creditrisk"
)

type paymentRequest struct {
	OrderID       string  `json:"order_id"`
	Amount        float64 `json:"amount"`
	Method        string  `json:"method"`
	TermMonths    int     `json:"term_months,omitempty"`
	IncomeMonthly float64 `json:"income_monthly,omitempty"`
}

func main() {
	risk := creditrisk.NewClient(os.Getenv("CREDIT_RISK_URL"), 300*time.Millisecond)

	r := chi.NewRouter()
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	r.Post("/v3/payments", func(w http.ResponseWriter, req *http.Request) {
		var p paymentRequest
		if err := json.NewDecoder(req.Body).Decode(&p); err != nil {
			http.Error(w, "invalid payment", http.StatusBadRequest)
			return
		}
		if p.Method == "bnpl" {
			decision := risk.Decide(req.Context(), creditrisk.Application{
				ApplicationID: p.OrderID,
				Amount:        p.Amount,
				TermMonths:    p.TermMonths,
				IncomeMonthly: p.IncomeMonthly,
			})
			if decision != "approve" {
				w.WriteHeader(http.StatusPaymentRequired)
				_ = json.NewEncoder(w).Encode(map[string]string{"status": decision})
				return
			}
		}
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "authorised", "order_id": p.OrderID})
	})

	log.Println("payments-gateway listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", r))
}
