package provider

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type payloadKey struct{}

// released sends n requests through srv, each with a context carrying a 64 KiB
// value, cancels each context after its request as gRPC does, and returns how many
// of the values the garbage collector has freed after at most the given number of
// collections. Collections, not a wall-clock deadline: a loaded machine runs them
// more slowly but runs all of them.
func released(t *testing.T, srv tfprotov6.ProviderServer, n int, collections int) int64 {
	t.Helper()
	var freed atomic.Int64
	for i := 0; i < n; i++ {
		payload := make([]byte, 64<<10)
		runtime.AddCleanup(&payload[0], func(f *atomic.Int64) { f.Add(1) }, &freed)
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), payloadKey{}, payload))
		switch i % 3 {
		case 0:
			_, _ = srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "registrar_awx_oauth_application"})
		case 1:
			_, _ = srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "registrar_awx_oauth_application"})
		default:
			_, _ = srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "registrar_awx_oauth_application"})
		}
		cancel()
	}
	// Cleanups run on their own goroutine after the cycle that freed the object; the
	// short sleep lets that goroutine run.
	for i := 0; i < collections && freed.Load() < int64(n); i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(srv)
	return freed.Load()
}

// TestRequestContextsReleased: a finished request's context (and with it
// terraform-plugin-log's per-request loggers) must not stay reachable from the
// server. The framework's own server keeps every one until StopProvider
// (NewProtocol6's comment); ours must let them go.
func TestRequestContextsReleased(t *testing.T) {
	const n = 60
	srv := NewProtocol6("test")()
	if _, ok := srv.(releasingServer); !ok {
		t.Fatalf("NewProtocol6 served %T unwrapped: the framework's server no longer implements every optional interface of terraform-plugin-go (frameworkServer)", srv)
	}
	if got := released(t, srv, n, 500); got != n {
		t.Errorf("%d of %d request contexts were released after the requests returned, want all", got, n)
	}

	// The upstream behaviour, for the record: when this logs n of n, the framework
	// has stopped keeping request contexts and releasingServer can go.
	t.Logf("terraform-plugin-framework's own server: %d of %d request contexts released", released(t, providerserver.NewProtocol6(New("test")())(), n, 20), n)
}

func TestRequestContext(t *testing.T) {
	parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), payloadKey{}, "v"))
	defer cancelParent()
	deadlineParent, cancelDeadline := context.WithTimeout(parent, time.Hour)
	defer cancelDeadline()

	rc := newRequestContext(deadlineParent)
	if rc.Value(payloadKey{}) != "v" {
		t.Errorf("Value = %v, want the parent's value", rc.Value(payloadKey{}))
	}
	if _, ok := rc.Deadline(); !ok {
		t.Error("Deadline: the parent's deadline is not seen")
	}
	// What the framework does with it: a child that the parent's cancellation reaches.
	child, cancelChild := context.WithCancel(rc)
	defer cancelChild()
	cancelParent()
	// No deadline of our own: if the cancellation never arrives, go test's -timeout
	// fails the test and shows where it waits.
	<-child.Done()
	if !errors.Is(child.Err(), context.Canceled) {
		t.Errorf("child.Err() = %v, want context.Canceled", child.Err())
	}

	rc.release()
	if rc.Value(payloadKey{}) != nil {
		t.Error("Value after release: the request's values are still reachable")
	}
	if !errors.Is(rc.Err(), context.Canceled) {
		t.Errorf("Err after release = %v, want context.Canceled", rc.Err())
	}
	select {
	case <-rc.Done():
	default:
		t.Error("Done after release is not closed")
	}
	// A context derived after release (a stray goroutine) starts canceled.
	late, cancelLate := context.WithCancel(rc)
	defer cancelLate()
	if late.Err() == nil {
		t.Error("a context derived after release is not canceled")
	}
}
