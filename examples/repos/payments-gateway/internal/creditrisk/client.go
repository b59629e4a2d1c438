// Package creditrisk calls the credit risk scoring API (credit-risk-api).
package creditrisk

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Application is the subset of checkout data the scoring API needs.
type Application struct {
	ApplicationID string  `json:"application_id"`
	Amount        float64 `json:"amount"`
	TermMonths    int     `json:"term_months"`
	IncomeMonthly float64 `json:"income_monthly"`
}

// Client is a small HTTP client with a hard timeout.
type Client struct {
	baseURL string
	http    *http.Client
}

// NewClient returns a client for the scoring API at baseURL.
func NewClient(baseURL string, timeout time.Duration) *Client {
	return &Client{baseURL: baseURL, http: &http.Client{Timeout: timeout}}
}

// Decide returns approve, review or decline; any failure is treated as review.
func (c *Client) Decide(ctx context.Context, app Application) string {
	body, err := json.Marshal(app)
	if err != nil {
		return "review"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v1/score", bytes.NewReader(body))
	if err != nil {
		return "review"
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return "review"
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "review"
	}
	var out struct {
		Decision string `json:"decision"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Decision == "" {
		return "review"
	}
	return out.Decision
}
