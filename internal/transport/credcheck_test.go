package transport

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// TestCheckCredentialsOnce: concurrent and later callers with the same key share one
// run of the check and its result; another key runs its own.
func TestCheckCredentialsOnce(t *testing.T) {
	key, other := new(int), new(int)
	refused := errors.New("401")
	var calls atomic.Int32
	release := make(chan struct{})
	check := func(context.Context) error {
		calls.Add(1)
		<-release // hold the first run while the others arrive
		return refused
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = CheckCredentialsOnce(context.Background(), key, check)
		}()
	}
	close(release)
	wg.Wait()
	for i, err := range errs {
		if !errors.Is(err, refused) {
			t.Errorf("caller %d got %v, want the check's error", i, err)
		}
	}
	if err := CheckCredentialsOnce(context.Background(), key, check); !errors.Is(err, refused) {
		t.Errorf("a later caller got %v, want the remembered error", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the check ran %d times for one key, want once", n)
	}
	if err := CheckCredentialsOnce(context.Background(), other, func(context.Context) error { calls.Add(1); return nil }); err != nil || calls.Load() != 2 {
		t.Errorf("another key: %v after %d runs, want its own run and nil", err, calls.Load())
	}
}
