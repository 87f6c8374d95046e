package tfx

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// DefaultTimeout bounds a create, update or delete whose `timeouts` block leaves it out.
const DefaultTimeout = 20 * time.Minute

// LostCreateBudget is the time the lookup after a lost create response gets of its
// own, beyond the create timeout: a short create timeout must not leave the outcome
// of a create unknown just because the deadline passed while the request was out.
const LostCreateBudget = 2 * time.Minute

const timeoutCombines = " Each HTTP request inside it is also limited by the provider's `request_timeout_seconds`, " +
	"and retries (up to `max_retries`, waiting at most `retry_max_wait_seconds` each) happen within it; whichever ends first stops the operation. " +
	"A duration such as `30s`, `10m` or `1h`; default `20m`."

// WithTimeouts is embedded in a resource to give it the `timeouts` block: create
// always, update only where the resource updates in place, delete only where the
// platform can delete. Set the fields in the resource's constructor.
type WithTimeouts struct {
	// Update: the resource changes objects in place through the API.
	TimeoutUpdate bool
	// Delete: the platform can delete the object.
	TimeoutDelete bool
}

// TimeoutsBlock is the `timeouts` block of the resource's schema.
func (w WithTimeouts) TimeoutsBlock(ctx context.Context) schema.Block {
	return timeouts.Block(ctx, timeouts.Opts{
		Create: true,
		CreateDescription: "How long the create may take, including the follow-up calls that complete the object." + timeoutCombines +
			" When the create's response is lost, looking the object up by its unique key gets up to 2 more minutes, so the outcome is still known.",
		Update:            w.TimeoutUpdate,
		UpdateDescription: "How long an in-place update may take." + timeoutCombines,
		Delete:            w.TimeoutDelete,
		DeleteDescription: "How long the delete may take." + timeoutCombines,
	})
}

// CreateTimeout bounds ctx by the create timeout. On a diagnostic error (an invalid
// duration) it returns ok false, and the caller returns before any API call. The
// caller defers cancel in every case.
func (WithTimeouts) CreateTimeout(ctx context.Context, v timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	d, ds := v.Create(ctx, DefaultTimeout)
	return bound(ctx, d, ds, diags)
}

// UpdateTimeout is CreateTimeout for an in-place update.
func (WithTimeouts) UpdateTimeout(ctx context.Context, v timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	d, ds := v.Update(ctx, DefaultTimeout)
	return bound(ctx, d, ds, diags)
}

// DeleteTimeout is CreateTimeout for a delete.
func (WithTimeouts) DeleteTimeout(ctx context.Context, v timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	d, ds := v.Delete(ctx, DefaultTimeout)
	return bound(ctx, d, ds, diags)
}

func bound(ctx context.Context, d time.Duration, ds diag.Diagnostics, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	diags.Append(ds...)
	if ds.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, true
}

// lookupContext gives the lookup after a lost create response its own budget: it
// ignores the create's deadline, but still ends when Terraform cancels the run
// (an interrupt), so Ctrl-C is never delayed by the lookup.
func lookupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), LostCreateBudget)
	stop := context.AfterFunc(ctx, func() {
		if ctx.Err() == context.Canceled {
			cancel()
		}
	})
	return lctx, func() { stop(); cancel() }
}
