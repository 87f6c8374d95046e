package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestDefaultSettingsRetries(t *testing.T) {
	s := DefaultSettings()
	if s.RetryMinWait != time.Second || s.MaxRetries != 6 {
		t.Fatalf("defaults: RetryMinWait %v, MaxRetries %d; want 1s and 6", s.RetryMinWait, s.MaxRetries)
	}
	c, err := New(Settings{RetryMaxWait: 30 * time.Second}, Options{Platform: "T", BaseURL: "https://x.example"})
	if err != nil {
		t.Fatal(err)
	}
	if rc := c.retrying(&attemptState{}); rc.RetryWaitMin != time.Second {
		t.Fatalf("zero RetryMinWait gives a first step of %v, want 1s", rc.RetryWaitMin)
	}
}

// TestRetryLogLines: each retry is logged at INFO with method, path, status,
// attempt and wait in that order in the message, then the reason; "request done"
// carries method, path, status, attempt and the time waited in the same order.
// Resent503 counts the 503 answers before the success.
func TestRetryLogLines(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		case 2:
			w.WriteHeader(http.StatusTooManyRequests)
		case 3:
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.WriteHeader(http.StatusCreated)
		}
	}))
	defer srv.Close()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c := newTestClient(t, srv.URL, nil)
	resp, err := c.Do(ctx, Request{Method: "POST", Path: "/apps"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Resent503 != 2 || resp.Attempts != 4 {
		t.Fatalf("Resent503 %d, attempts %d; want 2 and 4", resp.Resent503, resp.Attempts)
	}
	out := buf.String()
	for i, want := range []string{
		`"@level":"info","@message":"retrying request: POST /apps status=503 attempt=2/4 wait=[0-9.]+[mµn]?s reason=service unavailable"`,
		`"@level":"info","@message":"retrying request: POST /apps status=429 attempt=3/4 wait=[0-9.]+[mµn]?s reason=rate limited"`,
		`"@level":"info","@message":"retrying request: POST /apps status=503 attempt=4/4 wait=`,
		`"@message":"request done: POST /apps status=201 attempt=4 waited=[0-9.]+[mµn]?s duration=`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("line %d: no match for %s in\n%s", i, want, out)
		}
	}
}

func TestPagerBounds(t *testing.T) {
	p := NewPager("T", "things", 1000)
	for i := 1; ; i++ {
		more, err := p.Next(1000, fmt.Sprintf("/things?page=%d", i+1))
		if err != nil {
			var pe *PagingError
			if !errors.As(err, &pe) || i != MaxListObjects/1000 || pe.Objects != MaxListObjects {
				t.Fatalf("stopped at page %d: %v", i, err)
			}
			break
		}
		if !more {
			t.Fatal("stopped without an error")
		}
	}
	p = NewPager("T", "things", 10)
	if more, err := p.Next(3, ""); more || err != nil {
		t.Fatalf("last page: %v %v", more, err)
	}
	p = NewPager("T", "things", 10)
	_, _ = p.Next(10, "/x?page=2")
	if _, err := p.Next(10, "/x?page=2"); err == nil {
		t.Fatal("a repeated next link was followed")
	}
}

func TestAuthFailureIsNeverMaybeApplied(t *testing.T) {
	inner := &RequestError{Platform: "T", Method: "POST", Path: "/token", Attempts: 1, Wrote: true, Err: errors.New("reset")}
	if !MaybeApplied(inner) {
		t.Fatal("precondition: a lost answer is maybe applied")
	}
	err := fmt.Errorf("create: %w", &AuthError{Platform: "T", Step: "obtaining a token", Err: inner})
	if MaybeApplied(err) || !IsAuthFailure(err) {
		t.Fatalf("an authentication failure counts as maybe applied: %v", err)
	}
	if !regexp.MustCompile(`T authentication failed \(obtaining a token\), so the request was not sent`).MatchString(err.Error()) {
		t.Fatalf("message %q", err)
	}
}
