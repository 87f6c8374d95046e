package tfx

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// CreateOnce describes how a resource handles a create whose outcome is uncertain
// (see CONTRIBUTING.md, "Lost create responses").
type CreateOnce struct {
	// Op and ResourceType name the object and the resource in the orphan diagnostic.
	Op           Op
	ResourceType string
	// Secret: the create response holds a client secret, which the orphan
	// diagnostic says was lost with it.
	Secret bool
	// Find looks the object up by its unique key and returns its import id, or ""
	// when it certainly does not exist. Nil: the platform has no unique key to look
	// up, so a possibly applied create is reported and never resent.
	Find func(ctx context.Context) (string, error)
	// MaybeApplied reports an error after which the create may have been carried out
	// (default transport.MaybeApplied).
	MaybeApplied func(error) bool
	// IsDuplicate recognises the platform's duplicate error; a resend that meets it
	// met the object an earlier attempt created (nil: never).
	IsDuplicate func(error) bool
	// Help is added to the orphan diagnostic when the object could not be looked up
	// (where to look for it by hand).
	Help string
}

// Send sends the create once. When its outcome is uncertain it looks the object up
// by its unique key, with a budget of its own beyond the create timeout: found, or
// the lookup failed, it reports the object as created outside Terraform state, with
// the import command; certainly absent, it sends the create again. A resend that
// meets the platform's duplicate error is reported the same way.
//
// After Send, the caller returns when diags has an error; otherwise a non-nil error
// is the create's own failure, which the caller reports.
func Send[T any](ctx context.Context, diags *diag.Diagnostics, c CreateOnce, create func(context.Context) (T, error)) (T, error) {
	var zero T
	maybe := c.MaybeApplied
	if maybe == nil {
		maybe = transport.MaybeApplied
	}
	v, err := create(ctx)
	if err != nil && maybe(err) {
		if c.Find == nil {
			c.orphan(diags, "", err)
			return zero, err
		}
		id, lerr := c.find(ctx)
		if lerr != nil || id != "" {
			c.orphan(diags, id, err)
			return zero, err
		}
		if ctx.Err() != nil {
			return zero, err // certainly absent, and no time left to send it again
		}
		v, err = create(ctx)
	}
	if err != nil && c.IsDuplicate != nil && transport.ResendHitDuplicate(err, c.IsDuplicate) {
		id := ""
		if c.Find != nil {
			var lerr error
			if id, lerr = c.find(ctx); lerr == nil && id == "" {
				return zero, err // nothing to collide with: not a duplicate of our own
			}
		}
		c.orphan(diags, id, err)
		return zero, err
	}
	return v, err
}

func (c CreateOnce) find(ctx context.Context) (string, error) {
	lctx, cancel := lookupContext(ctx)
	defer cancel()
	return c.Find(lctx)
}

func (c CreateOnce) orphan(diags *diag.Diagnostics, id string, cause error) {
	lost := ""
	if c.Secret {
		lost = orphanSecretLost
	}
	var d diag.Diagnostics
	orphan(&d, c.Op, c.ResourceType, id, cause, lost)
	for _, x := range d {
		detail := x.Detail()
		if id == "" && c.Help != "" {
			detail += "\n\n" + c.Help
		}
		diags.AddError(x.Summary(), detail)
	}
}
